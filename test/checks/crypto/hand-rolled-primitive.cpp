// RUN: %check_clang_tidy %s vibeguard-crypto-hand-rolled-primitive %t
// Vendored code is quiet: by default under third_party/ (and vendor/, deps/, ...),
// RUN: rm -rf %t.dir && mkdir -p %t.dir/third_party/aes && cp %s %t.dir/third_party/aes/aes.cpp
// RUN: %vibeguard_tidy -checks='-*,vibeguard-crypto-hand-rolled-primitive' %t.dir/third_party/aes/aes.cpp -- -std=c++17 2>&1 | FileCheck %s --check-prefix=VENDORED --allow-empty
// and wherever VendoredPaths says.
// RUN: %vibeguard_tidy -checks='-*,vibeguard-crypto-hand-rolled-primitive' -config="{CheckOptions: {vibeguard-crypto-hand-rolled-primitive.VendoredPaths: 'checks/crypto'}}" %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=VENDORED --allow-empty
// VENDORED-NOT: warning:

#include <cstdint>
#include <cstring>
#include <string>

static const uint8_t sbox[256] = {
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: table 'sbox' holds the AES S-box: this is a hand-rolled implementation of a cryptographic primitive; use a vetted library (OpenSSL EVP, libsodium)
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7};

static const uint32_t K[64] = {0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: table 'K' holds the SHA-256 round constants: this is a hand-rolled implementation of a cryptographic primitive; use a vetted library (OpenSSL EVP, libsodium)
                               0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5};

// Declared before its definition (llama.cpp's clip-impl.h does this with a logger
// state): the declaration has no initializer of its own; the table is reported once,
// at the definition.
extern const uint32_t K2[8];
const uint32_t K2[8] = {0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: table 'K2' holds the SHA-256 round constants
                        0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5};
struct LoggerState { int level; void (*callback)(const char *); void *user; };
extern struct LoggerState g_logger_state;
struct LoggerState g_logger_state = {0, nullptr, nullptr};

void md5_init(uint32_t *state) {
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'md5_init' uses the MD4/MD5/SHA-1 initial values: this is a hand-rolled implementation of a cryptographic primitive; use a vetted library (OpenSSL EVP, libsodium)
  state[0] = 0x67452301;
  state[1] = 0xefcdab89;
  state[2] = 0x98badcfe;
  state[3] = 0x10325476;
}

void tea_encrypt(uint32_t v[2], const uint32_t k[4]) {
  uint32_t v0 = v[0], v1 = v[1], sum = 0;
  for (int i = 0; i < 32; i++) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop runs TEA/XTEA rounds (delta 0x9E3779B9 with <<4 and >>5): a hand-rolled 64-bit block cipher; use AES-GCM or ChaCha20-Poly1305 from a vetted library
    sum += 0x9E3779B9;
    v0 += ((v1 << 4) + k[0]) ^ (v1 + sum) ^ ((v1 >> 5) + k[1]);
    v1 += ((v0 << 4) + k[2]) ^ (v0 + sum) ^ ((v0 >> 5) + k[3]);
  }
  v[0] = v0;
  v[1] = v1;
}

void rc4_init(uint8_t S[256], const uint8_t *key, size_t keylen) {
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'rc4_init' runs the RC4 key schedule: RC4 is broken and hand-rolled; use AES-GCM or ChaCha20-Poly1305 from a vetted library
  for (int i = 0; i < 256; i++)
    S[i] = i;
  for (int i = 0, j = 0; i < 256; i++) {
    j = (j + S[i] + key[i % keylen]) & 0xff;
    uint8_t t = S[i];
    S[i] = S[j];
    S[j] = t;
  }
}

void scramble(std::string &data, const std::string &key) {
  for (size_t i = 0; i < data.size(); ++i) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop in 'scramble' mixes data with 'key' by XOR and rotation: a hand-rolled cipher or keyed hash; use a vetted library (OpenSSL EVP, libsodium)
    data[i] ^= key[i % key.size()];
    data[i] = (data[i] << 3) | (static_cast<unsigned char>(data[i]) >> 5);
  }
}

const char *kSigma = "expand 32-byte k";
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: literal is the ChaCha/Salsa20 constant: a hand-rolled ChaCha or Salsa20; use crypto_aead_chacha20poly1305_ietf_encrypt (libsodium) or EVP_chacha20_poly1305 (OpenSSL)

// ---- Safe lookalikes --------------------------------------------------------------
static const uint32_t crc_table[4] = {0x00000000, 0x77073096, 0xee0e612c, 0x990951ba};

uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffff;
  while (n--)
    c = crc_table[(c ^ *p++) & 3] ^ (c >> 8);
  return c ^ 0xffffffff;
}

// A hash table's hash function: mixing, but no key, no known constants.
size_t hash(const char *s) {
  size_t h = 5381;
  while (*s)
    h = ((h << 5) + h) ^ static_cast<unsigned char>(*s++);
  return h;
}

// Fibonacci hashing uses the golden ratio, like TEA's delta, without TEA's rounds.
uint32_t bucket(uint32_t x) { return (x * 0x9E3779B9u) >> 22; }

// A game's PRNG.
struct Xorshift {
  uint32_t s = 2463534242u;
  uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
};

void fill_identity(int *perm, int n) {
  for (int i = 0; i < n; ++i)
    perm[i] = i;
}
