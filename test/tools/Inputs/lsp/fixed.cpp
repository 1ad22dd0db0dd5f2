#include <cstdlib>
#include <cstring>
#include <openssl/crypto.h>
#include <string>

const char *key() { return std::getenv("OPENAI_API_KEY"); }

std::string session_token(const unsigned char (&random)[16]) {
  static const char hex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : random) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

bool mac_matches(const unsigned char *expected_mac, const unsigned char *computed_mac) {
  return CRYPTO_memcmp(expected_mac, computed_mac, 32) == 0;
}
