// Notes encrypted at rest, webhook signatures, export protection.
#include "crypto.h"
#include "config.h"

#include <cstdio>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace crypto {

static const unsigned char kNoteKey[32] = {'n', 'o', 't', 'e', 's', '-', 'k', 'e', 'y'};
static const unsigned char kNoteIv[16] = {0};

// MISTAKE (constant key and IV): every note is encrypted with the same key and IV.
std::string encryptNote(const std::string &plain) {
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  std::string out(plain.size() + 16, '\0');
  int n = 0, m = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, kNoteKey, kNoteIv);
  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char *>(&out[0]), &n,
                    reinterpret_cast<const unsigned char *>(plain.data()), plain.size());
  EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(&out[n]), &m);
  EVP_CIPHER_CTX_free(ctx);
  out.resize(n + m);
  return out;
}

// CORRECT: AES-256-GCM, a fresh random IV per note (stored in front), a key from the
// environment (a key store in production), and the tag appended.
std::string encryptNoteSafe(const std::string &plain) {
  std::string key = config::env("NOTES_KEY");
  if (key.size() != 32)
    return "";
  unsigned char iv[12];
  if (RAND_bytes(iv, sizeof iv) != 1)
    return "";
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  std::string out(sizeof iv + plain.size() + 16, '\0');
  std::copy(iv, iv + sizeof iv, out.begin());
  int n = 0, m = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr,
                     reinterpret_cast<const unsigned char *>(key.data()), iv);
  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char *>(&out[sizeof iv]), &n,
                    reinterpret_cast<const unsigned char *>(plain.data()), plain.size());
  EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(&out[sizeof iv + n]), &m);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, &out[sizeof iv + n + m]);
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

static std::string hmacHex(const std::string &body) {
  std::string secret = config::env("WEBHOOK_SECRET");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), secret.size(),
       reinterpret_cast<const unsigned char *>(body.data()), body.size(), mac, &len);
  std::string hex;
  char b[3];
  for (unsigned i = 0; i < len; ++i) {
    snprintf(b, sizeof b, "%02x", mac[i]);
    hex += b;
  }
  return hex;
}

// MISTAKE (timing-unsafe comparison): the signature is compared with ==.
bool verifyWebhook(const std::string &body, const std::string &signatureHex) {
  std::string expected_signature = hmacHex(body);
  return expected_signature == signatureHex;
}

// CORRECT: constant-time comparison over the full length.
bool verifyWebhookSafe(const std::string &body, const std::string &signatureHex) {
  std::string expected = hmacHex(body);
  return expected.size() == signatureHex.size() &&
         CRYPTO_memcmp(expected.data(), signatureHex.data(), expected.size()) == 0;
}

// MISTAKE (XOR "encryption"): exported notes are "protected" with a constant byte.
std::string obfuscateExport(std::string data) {
  for (size_t i = 0; i < data.size(); ++i)
    data[i] ^= 0x5A;
  return data;
}

} // namespace crypto
