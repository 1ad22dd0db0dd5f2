// RUN: %check_clang_tidy %s vibeguard-crypto-insecure-random %t

#include <cstdlib>
#include <ctime>
#include <openssl/evp.h>
#include <random>
#include <string>

void make_iv(unsigned char *out) {
  unsigned char iv[16];
  for (int i = 0; i < 16; ++i)
    iv[i] = rand() % 256;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'rand' is not a cryptographically secure generator, so the IV 'iv' made from it can be predicted; use RAND_bytes, getrandom or randombytes_buf
  (void)out;
}

std::string generate_key() {
  std::mt19937 gen(std::random_device{}());
  std::uniform_int_distribution<int> dist(0, 255);
  std::string s;
  for (int i = 0; i < 32; ++i)
    s.push_back(static_cast<char>(dist(gen)));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'std::mersenne_twister_engine' is not a cryptographically secure generator, so the key 'generate_key()' made from it can be predicted; use RAND_bytes, getrandom or randombytes_buf
  return s;
}

void encrypt(EVP_CIPHER_CTX *ctx, const unsigned char *key) {
  unsigned char nonce[12];
  for (auto &b : nonce)
    b = static_cast<unsigned char>(random());
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'random' is not a cryptographically secure generator, so the IV 'nonce' made from it can be predicted; use RAND_bytes, getrandom or randombytes_buf
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, nonce);
}

struct Account {
  std::string salt;
  std::string temp_password;
};

void new_account(Account &a) {
  a.salt = std::to_string(lrand48());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'lrand48' is not a cryptographically secure generator, so the salt 'salt' made from it can be predicted; use RAND_bytes, getrandom or randombytes_buf
  char charset[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (int i = 0; i < 12; ++i)
    a.temp_password += charset[rand() % 36];
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'rand' is not a cryptographically secure generator, so the password 'temp_password' made from it can be predicted; use RAND_bytes, getrandom or randombytes_buf
}

// ---- Safe lookalikes --------------------------------------------------------------
int roll_dice() { return rand() % 6 + 1; }                 // a game

void shuffle_deck(int *cards, int n) {                     // a game
  std::mt19937 gen(42);
  for (int i = n - 1; i > 0; --i) {
    int j = std::uniform_int_distribution<int>(0, i)(gen);
    std::swap(cards[i], cards[j]);
  }
}

int backoff_ms(int attempt) { return (1 << attempt) * 100 + rand() % 100; } // jitter

void seeded() { srand(time(nullptr)); }                     // a seed is not a value

void sample_key_lengths(std::vector<int> &lengths) {        // not key material
  for (int i = 0; i < 10; ++i)
    lengths.push_back(rand() % 64);
}
