// RUN: %check_clang_tidy %s vibeguard-crypto-timing-unsafe-compare %t --fix

#include <algorithm>
#include <cstring>
#include <openssl/crypto.h>
#include <string>

bool verify_mac(const unsigned char *expected_mac, const unsigned char *computed_mac) {
  return memcmp(expected_mac, computed_mac, 32) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: MAC 'expected_mac' is compared with 'memcmp', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
  // CHECK-FIXES: return CRYPTO_memcmp(expected_mac, computed_mac, 32) == 0;
}

bool check_signature(const unsigned char *sig, const unsigned char *want) {
  if (!memcmp(sig, want, 64))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: MAC 'sig' is compared with 'memcmp', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
  // CHECK-FIXES: if (!CRYPTO_memcmp(sig, want, 64))
    return true;
  return false;
}

bool check_csrf(const char *csrf_token, const char *form_value) {
  return strcmp(csrf_token, form_value) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: token 'csrf_token' is compared with 'strcmp', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
}

bool check_api_key(const std::string &api_key, const std::string &header) {
  return header == api_key;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: token 'api_key' is compared with '==', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
}

bool verify_password_hash(const unsigned char *stored_hash, const unsigned char *hash) {
  return std::equal(stored_hash, stored_hash + 32, hash);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: digest 'stored_hash' is compared with 'equal', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
}

// ---- Safe lookalikes --------------------------------------------------------------
bool safe(const unsigned char *mac, const unsigned char *want, const char *token,
          const std::string &session_id, const char *tag, const char *name) {
  bool a = CRYPTO_memcmp(mac, want, 32) == 0;       // constant time already
  bool b = token == nullptr || strcmp(token, "") == 0; // emptiness, not content
  bool c = session_id.empty();
  bool d = strcmp(tag, "html") == 0;                // an XML tag, not an auth tag
  bool e = strcmp(name, "admin") == 0;
  return a && b && c && d && e;
}

// A file checksum compared outside any security context.
bool same_file(const unsigned char *checksum, const unsigned char *other) {
  return memcmp(checksum, other, 16) == 0;
}

// A lexer's token (SQLite's zToken, FTS's pToken) is not a secret.
struct Expr { const char *zToken; };
int same_expr(const Expr *a, const Expr *b) { return strcmp(a->zToken, b->zToken) == 0; }
int prefix_match(const char *pToken, const char *term, int n) { return memcmp(pToken, term, n) == 0; }
// A bare "token" in a function that authenticates is a secret.
bool authenticate_request(const char *token, const char *expected) {
  return strcmp(token, expected) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: token 'token' is compared with 'strcmp', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
}
// A parser's consumeToken(): "token" alone does not make the function security code.
bool consumeToken(const std::string &token, const std::string &input) { return input == token; }
// verify_token(): "verify" does.
bool verify_token(const char *token, const char *expected) { return strcmp(token, expected) == 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:69: warning: token 'token' is compared with 'strcmp', which returns at the first difference and leaks it through timing; use CRYPTO_memcmp
