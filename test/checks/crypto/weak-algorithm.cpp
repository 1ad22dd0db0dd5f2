// RUN: %check_clang_tidy %s vibeguard-crypto-weak-algorithm %t -- -I/usr/include/botan-2 -Wno-deprecated-declarations

#include <crypt.h>
#include <openssl/aes.h>
#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <mbedtls/md5.h>
#include <mbedtls/des.h>
#include <mbedtls/aes.h>
#include <mbedtls/rsa.h>
#include <crypto++/md5.h>
#include <crypto++/modes.h>
#include <crypto++/aes.h>
#include <crypto++/sha.h>
#include <botan/hash.h>
#include <botan/cipher_mode.h>
#include <string>

void ciphers(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv) {
  EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), nullptr, key, iv);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'EVP_des_ede3_cbc' uses DES/3DES, which has a 56-bit key (3DES a 64-bit block, Sweet32); use AES-GCM or ChaCha20-Poly1305
  EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nullptr, key, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'EVP_aes_128_ecb' uses ECB mode, which leaks patterns: equal blocks encrypt equally; use an authenticated mode such as AES-GCM with a fresh random IV
  EVP_EncryptInit_ex(ctx, EVP_rc4(), nullptr, key, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'EVP_rc4' uses RC4, which has biased keystreams; use AES-GCM or ChaCha20-Poly1305
  EVP_EncryptInit_ex(ctx, EVP_bf_cbc(), nullptr, key, iv);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'EVP_bf_cbc' uses Blowfish, which has a 64-bit block (Sweet32); use AES-GCM or ChaCha20-Poly1305
  AES_KEY k;
  unsigned char in[16], out[16];
  AES_ecb_encrypt(in, out, &k, AES_ENCRYPT);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'AES_ecb_encrypt' uses ECB mode, which leaks patterns: equal blocks encrypt equally; use an authenticated mode such as AES-GCM with a fresh random IV
  EVP_CIPHER *c = EVP_CIPHER_fetch(nullptr, "DES-EDE3-CBC", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'EVP_CIPHER_fetch' selects the cipher ('DES-EDE3-CBC'), which is broken or weak; use AES-GCM or ChaCha20-Poly1305
  (void)c;
}

std::string hash_password(const std::string &password) {
  unsigned char d[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char *>(password.data()), password.size(), d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MD5' uses MD5, which is broken: collisions take seconds; use SHA-256 or SHA-3 (and a password KDF for passwords)
  return std::string(reinterpret_cast<char *>(d), sizeof d);
}

bool verify_signature(const unsigned char *msg, size_t n, const unsigned char *sig) {
  unsigned char d[SHA_DIGEST_LENGTH];
  SHA1(msg, n, d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SHA1' uses SHA-1, which is broken: chosen-prefix collisions are practical; use SHA-256 or SHA-3 (and a password KDF for passwords)
  return d[0] == sig[0];
}

void keys(RSA *rsa, BIGNUM *e, EVP_PKEY_CTX *pctx) {
  RSA_generate_key_ex(rsa, 1024, e, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: RSA key of 1024 bits is too short to resist factoring; use at least 2048 bits (3072 for use beyond 2030)
  EVP_PKEY_CTX_set_rsa_keygen_bits(pctx, 512);
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: RSA key of 512 bits is too short to resist factoring; use at least 2048 bits (3072 for use beyond 2030)
  unsigned char from[32], to[256];
  RSA_public_encrypt(32, from, to, rsa, RSA_PKCS1_PADDING);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: RSA encryption with PKCS#1 v1.5 padding is open to Bleichenbacher's padding-oracle attack; use RSA_PKCS1_OAEP_PADDING
}

void legacy_crypt(const char *pw) {
  crypt(pw, "ab");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: crypt() salt 'ab' selects DES-crypt, which is fast and broken; use yescrypt ('$y$'), bcrypt ('$2b$') or Argon2
  crypt(pw, "$1$saltsalt$");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: crypt() salt '$1$' selects MD5-crypt, which is fast and broken; use yescrypt ('$y$'), bcrypt ('$2b$') or Argon2
}

void sign_request(mbedtls_des_context *des, unsigned char *buf) {
  mbedtls_md5_context m;
  mbedtls_md5_init(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mbedtls_md5_init' uses MD5, which is broken: collisions take seconds; use SHA-256 or SHA-3 (and a password KDF for passwords)
  mbedtls_des_crypt_ecb(des, buf, buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mbedtls_des_crypt_ecb' uses DES/3DES, which has a 56-bit key (3DES a 64-bit block, Sweet32); use AES-GCM or ChaCha20-Poly1305
  CryptoPP::Weak1::MD5 md5;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'CryptoPP::Weak1::MD5' is MD5, which is broken: collisions take seconds; use SHA-256 or SHA-3 (and a password KDF for passwords)
  CryptoPP::ECB_Mode<CryptoPP::AES>::Encryption ecb;
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'CryptoPP::ECB_Mode<CryptoPP::Rijndael>::Encryption' is ECB mode, which leaks patterns: equal blocks encrypt equally; use an authenticated mode such as AES-GCM with a fresh random IV
  auto h = Botan::HashFunction::create("MD5");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'create' selects the digest ('MD5'), which is broken; use SHA-256 or SHA-3 (and a password KDF for passwords)
  (void)md5; (void)ecb; (void)h;
}

// ---- Safe lookalikes --------------------------------------------------------------
void safe(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv, RSA *rsa,
          BIGNUM *e, const unsigned char *data, size_t n) {
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, iv);
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(data, n, d);
  RSA_generate_key_ex(rsa, 3072, e, nullptr);
  unsigned char from[32], to[512];
  RSA_public_encrypt(32, from, to, rsa, RSA_PKCS1_OAEP_PADDING);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int maclen;
  HMAC(EVP_sha1(), key, 32, data, n, mac, &maclen); // HMAC-SHA1 is not broken
  crypt("pw", "$y$j9T$salt$");
  CryptoPP::SHA256 sha;
  auto h = Botan::HashFunction::create("SHA-256");
  (void)sha; (void)h;
}

// MD5 as a checksum (an ETag), not for security.
std::string etag_for(const std::string &body) {
  unsigned char d[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char *>(body.data()), body.size(), d);
  return std::string(reinterpret_cast<char *>(d), 8);
}
