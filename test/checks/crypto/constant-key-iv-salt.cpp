// RUN: %check_clang_tidy %s vibeguard-crypto-constant-key-iv-salt %t -- -Wno-deprecated-declarations

#include <argon2.h>
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sodium.h>
#include <string>

static const unsigned char kKey[32] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};
static const unsigned char kSalt[] = "NaCl-static-salt";

void encrypt(EVP_CIPHER_CTX *ctx, const unsigned char *key) {
  unsigned char iv[12] = {0};
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, kKey, iv);
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: constant key passed to 'EVP_EncryptInit_ex': anyone with the source or the binary can decrypt or forge; load the key from a key store or derive it with a KDF
  // CHECK-MESSAGES: :[[@LINE-2]]:61: warning: constant IV passed to 'EVP_EncryptInit_ex': reusing an IV or nonce under one key breaks confidentiality (and, with GCM or ChaCha20-Poly1305, authenticity); generate a fresh one per message with RAND_bytes or randombytes_buf
  EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key,
                     reinterpret_cast<const unsigned char *>("0123456789abcdef"));
                     // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: constant IV passed to 'EVP_EncryptInit_ex': reusing an IV or nonce under one key breaks confidentiality (and, with GCM or ChaCha20-Poly1305, authenticity); generate a fresh one per message with RAND_bytes or randombytes_buf
}

void mac(const unsigned char *msg, size_t n, unsigned char *out, unsigned *len) {
  const std::string secret = "hmac-secret-v1";
  HMAC(EVP_sha256(), secret.data(), secret.size(), msg, n, out, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: constant key passed to 'HMAC': anyone with the source or the binary can decrypt or forge; load the key from a key store or derive it with a KDF
}

void derive(const char *pw, unsigned char *out) {
  PKCS5_PBKDF2_HMAC(pw, -1, kSalt, sizeof kSalt - 1, 600000, EVP_sha256(), 32, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: constant salt passed to 'PKCS5_PBKDF2_HMAC': one precomputed table then cracks every password hashed with it; generate a random salt per password with RAND_bytes or randombytes_buf
  unsigned char salt[16];
  RAND_bytes(salt, sizeof salt);
  PKCS5_PBKDF2_HMAC(pw, -1, salt, sizeof salt, 1000, EVP_sha256(), 32, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: PBKDF2 with 1000 iterations is too fast to slow down password guessing; OWASP asks for at least 600000 with HMAC-SHA256
  PKCS5_PBKDF2_HMAC_SHA1(pw, -1, salt, sizeof salt, 10000, 32, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: PBKDF2 with 10000 iterations is too fast to slow down password guessing; OWASP asks for at least 1300000 with HMAC-SHA1
  EVP_BytesToKey(EVP_aes_256_cbc(), EVP_md5(), salt, (const unsigned char *)pw, 8, 1, out, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: EVP_BytesToKey is not a password KDF (a few iterations of a fast digest); use PKCS5_PBKDF2_HMAC, scrypt or Argon2
}

void passwords(const char *pw, unsigned char *out, char *encoded) {
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  argon2id_hash_raw(2, 19456, 1, pw, 8, salt, sizeof salt, out, 32);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: Argon2 with t=2 and m=19456 KiB is below RFC 9106's recommendations (t=1 with m=2 GiB, or t=3 with m=64 MiB)
  crypto_pwhash_str(encoded, pw, 8, 1, 8192);
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'crypto_pwhash_str' with limits below crypto_pwhash_OPSLIMIT_INTERACTIVE and crypto_pwhash_MEMLIMIT_INTERACTIVE makes password guessing cheap
  crypt(pw, "$2b$05$abcdefghijklmnopqrstuu");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: bcrypt cost 5 is too cheap; use a cost of at least 10
}

void nonce_reuse(unsigned char *c, const unsigned char *m, unsigned long long n,
                 const unsigned char *key) {
  static const unsigned char nonce[crypto_secretbox_NONCEBYTES] = {1, 2, 3};
  crypto_secretbox_easy(c, m, n, nonce, key);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: constant IV passed to 'crypto_secretbox_easy': reusing an IV or nonce under one key breaks confidentiality (and, with GCM or ChaCha20-Poly1305, authenticity); generate a fresh one per message with RAND_bytes or randombytes_buf
}

// ---- Safe lookalikes --------------------------------------------------------------
void safe(EVP_CIPHER_CTX *ctx, const unsigned char *key, const char *pw, unsigned char *out,
          unsigned char *c, const unsigned char *m, unsigned long long n) {
  unsigned char iv[12];
  RAND_bytes(iv, sizeof iv);
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, iv);
  EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nullptr); // set key and IV later
  unsigned char salt[16];
  RAND_bytes(salt, sizeof salt);
  PKCS5_PBKDF2_HMAC(pw, -1, salt, sizeof salt, 600000, EVP_sha256(), 32, out);
  PKCS5_PBKDF2_HMAC(pw, -1, salt, sizeof salt, 210000, EVP_sha512(), 32, out);
  argon2id_hash_raw(3, 65536, 4, pw, 8, salt, sizeof salt, out, 32);
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  crypto_secretbox_easy(c, m, n, nonce, key);
  crypt(pw, "$2b$12$abcdefghijklmnopqrstuu");
}
