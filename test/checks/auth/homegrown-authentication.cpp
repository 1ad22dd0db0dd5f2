// RUN: %check_clang_tidy %s vibeguard-auth-homegrown-authentication %t

#include <argon2.h>
#include <cstring>
#include <security/pam_appl.h>
#include <sodium.h>
#include <string>

struct User {
  std::string name, password, password_hash;
};
bool find_user(const std::string &name, User &u);

bool login(const std::string &name, const std::string &password) {
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'login' authenticates by itself (compares the password with '=='; no constant-time comparison; no password KDF); delegate to PAM, a password-KDF verify function (crypto_pwhash_str_verify, argon2id_verify) or an identity provider
  User u;
  if (!find_user(name, u))
    return false;
  return u.password == password;
}

bool authenticate_admin(const char *password) {
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'authenticate_admin' authenticates by itself (compares the password with 'strcmp' against a hardcoded value; no constant-time comparison; no password KDF); delegate to PAM, a password-KDF verify function (crypto_pwhash_str_verify, argon2id_verify) or an identity provider
  return strcmp(password, "admin-2024!") == 0;
}

// ---- Safe lookalikes --------------------------------------------------------------
bool login_with_hash(const std::string &name, const std::string &password) {
  User u;
  return find_user(name, u) &&
         crypto_pwhash_str_verify(u.password_hash.c_str(), password.c_str(),
                                  password.size()) == 0;
}

bool pam_login(const char *user, pam_handle_t *pamh) {
  (void)user;
  return pam_authenticate(pamh, 0) == PAM_SUCCESS;
}

static bool verify_password(const User &u, const std::string &password) {
  return crypto_pwhash_str_verify(u.password_hash.c_str(), password.c_str(),
                                  password.size()) == 0;
}
bool sign_in(const std::string &name, const std::string &password) {
  User u;
  return find_user(name, u) && verify_password(u, password); // delegates through a helper
}

bool authenticate_argon2(const User &u, const std::string &password) {
  return argon2id_verify(u.password_hash.c_str(), password.data(), password.size()) ==
         ARGON2_OK;
}

bool check_password_policy(const std::string &password) {  // not authentication
  return password.size() >= 12;
}

bool login_page_visible(const std::string &path) { return path == "/login"; }
