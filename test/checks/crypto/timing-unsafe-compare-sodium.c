// RUN: %check_clang_tidy %s vibeguard-crypto-timing-unsafe-compare %t --fix

#include <sodium.h>
#include <string.h>

int verify_tag(const unsigned char *auth_tag, const unsigned char *expected_tag) {
  return memcmp(auth_tag, expected_tag, crypto_auth_BYTES) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: MAC 'auth_tag' is compared with 'memcmp', which returns at the first difference and leaks it through timing; use sodium_memcmp
  // CHECK-FIXES: return sodium_memcmp(auth_tag, expected_tag, crypto_auth_BYTES) == 0;
}

int order(const unsigned char *hmac, const unsigned char *other) {
  return memcmp(hmac, other, 32) < 0; // ordering: no fix-it, the meaning would change
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: MAC 'hmac' is compared with 'memcmp', which returns at the first difference and leaks it through timing; use sodium_memcmp
  // CHECK-FIXES: return memcmp(hmac, other, 32) < 0;
}
