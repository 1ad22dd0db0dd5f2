// RUN: %check_clang_tidy %s vibeguard-crypto-xor-cipher %t

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

void obfuscate(char *buf, size_t n) {
  for (size_t i = 0; i < n; ++i)
    buf[i] ^= 0x5A;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: data is XOR-ed with the constant 0x5A: this is obfuscation, not encryption (known plaintext reveals the key); use AES-GCM or ChaCha20-Poly1305 from a vetted library
}

std::string encrypt_config(const std::string &plain) {
  static const char key[] = "s3cr3t";
  std::string out(plain.size(), '\0');
  for (size_t i = 0; i < plain.size(); ++i)
    out[i] = plain[i] ^ key[i % (sizeof key - 1)];
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: data is XOR-ed with the repeating key 'key': this is obfuscation, not encryption (known plaintext reveals the key); use AES-GCM or ChaCha20-Poly1305 from a vetted library
  return out;
}

void decode(uint8_t *p, const uint8_t *end, const uint8_t *k, size_t klen) {
  size_t i = 0;
  while (p != end)
    *p++ ^= k[i++ % klen];
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: data is XOR-ed with the repeating key 'k': this is obfuscation, not encryption (known plaintext reveals the key); use AES-GCM or ChaCha20-Poly1305 from a vetted library
}

// ---- Safe lookalikes --------------------------------------------------------------
// Applying a keystream (CTR mode, a one-time pad): the key does not repeat.
void apply_keystream(uint8_t *data, const uint8_t *keystream, size_t n) {
  for (size_t i = 0; i < n; ++i)
    data[i] ^= keystream[i];
}

// WebSocket masking is protocol framing, not secrecy.
void unmask(uint8_t *payload, size_t n, const uint8_t mask[4]) {
  for (size_t i = 0; i < n; ++i)
    payload[i] ^= mask[i % 4];
}

uint32_t checksum(const uint8_t *p, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; ++i)
    h ^= p[i];
  return h;
}

void invert(uint8_t *bits, size_t n) {
  for (size_t i = 0; i < n; ++i)
    bits[i] ^= 0xff;
}

int toggle(int flags) { return flags ^ 0x4; } // not in a loop
