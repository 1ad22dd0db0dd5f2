#include <cstdlib>
#include <cstdio>
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

static bool is_valid_name(const char *s) {
  return strspn(s, "abcdefghijklmnopqrstuvwxyz") == strlen(s);
}

int export_notes() {
  char user[64];
  if (!fgets(user, sizeof user, stdin))
    return 1;
  user[strcspn(user, "\n")] = 0;
  if (!is_valid_name(user))
    return 1;
  std::string cmd = "tar czf /tmp/notes.tgz notes/";
  cmd += user;
  return system(cmd.c_str());
}
