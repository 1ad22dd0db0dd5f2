// RUN: %check_clang_tidy %s vibeguard-auth-weak-password-hash %t -- -Wno-deprecated-declarations

#include <argon2.h>
#include <crypt.h>
#include <cstring>
#include <functional>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <string>
#include <zlib.h>

std::string hash_md5(const std::string &password) {
  unsigned char d[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char *>(password.data()), password.size(), d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: password 'password' is hashed with 'MD5', a fast digest that attackers test billions of guesses a second against; use a password KDF (Argon2id, bcrypt, scrypt, PBKDF2 with enough iterations)
  return std::string(reinterpret_cast<char *>(d), sizeof d);
}

void hash_salted_sha(const std::string &salt, const std::string &password, unsigned char *out) {
  std::string both = salt + password;
  SHA256(reinterpret_cast<const unsigned char *>((salt + password).data()), both.size(), out);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: password 'password' is hashed with 'SHA256', a fast digest that attackers test billions of guesses a second against; use a password KDF (Argon2id, bcrypt, scrypt, PBKDF2 with enough iterations)
}

void evp(EVP_MD_CTX *ctx, const char *passwd) {
  EVP_DigestUpdate(ctx, passwd, strlen(passwd));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: password 'passwd' is hashed with 'EVP_DigestUpdate', a fast digest that attackers test billions of guesses a second against; use a password KDF (Argon2id, bcrypt, scrypt, PBKDF2 with enough iterations)
}

size_t bucket(const std::string &password) { return std::hash<std::string>{}(password); }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: password 'password' is hashed with std::hash, which is neither a cryptographic hash nor slow; use a password KDF (Argon2id, bcrypt, scrypt)

unsigned long checksum(const char *password) {
  return crc32(0, reinterpret_cast<const Bytef *>(password), strlen(password));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: password 'password' is hashed with 'crc32', a fast digest that attackers test billions of guesses a second against; use a password KDF (Argon2id, bcrypt, scrypt, PBKDF2 with enough iterations)
}

void no_salt(const char *password, unsigned char *out) {
  PKCS5_PBKDF2_HMAC(password, -1, nullptr, 0, 600000, EVP_sha256(), 32, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PKCS5_PBKDF2_HMAC' is called without a salt, so equal passwords hash equally and one precomputed table cracks them all; use a random salt of 16 bytes
}

void argon_no_salt(const char *password, unsigned char *out) {
  argon2id_hash_raw(3, 65536, 1, password, strlen(password), nullptr, 0, out, 32);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'argon2id_hash_raw' is called without a salt, so equal passwords hash equally and one precomputed table cracks them all; use a random salt of 16 bytes
}

void fixed_salt(const char *password) {
  crypt(password, "$6$fixedsalt$");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: crypt() is given a constant salt ('fixe...'), so equal passwords hash equally; generate the setting with crypt_gensalt()
  crypt(password, "$2b$12$abcdefghijklmnopqrstuu");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: crypt() is given a constant salt ('abcd...'), so equal passwords hash equally; generate the setting with crypt_gensalt()
}

// ---- Safe lookalikes --------------------------------------------------------------
void safe(const char *password, const unsigned char *file_data, size_t n, char *encoded,
          unsigned char *out) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(file_data, n, d);                              // not a password
  crypto_pwhash_str(encoded, password, strlen(password),
                    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  argon2id_hash_raw(3, 65536, 1, password, strlen(password), salt, sizeof salt, out, 32);
  PKCS5_PBKDF2_HMAC(password, -1, salt, sizeof salt, 600000, EVP_sha256(), 32, out);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  crypt(password, crypt_gensalt_rn("$y$", 0, nullptr, 0, setting, sizeof setting));
}
