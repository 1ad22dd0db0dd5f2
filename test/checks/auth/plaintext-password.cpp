// RUN: %check_clang_tidy %s vibeguard-auth-plaintext-password %t

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sqlite3.h>
#include <string>

struct User {
  std::string name;
  std::string password;
  std::string password_hash;
};

bool check(const User &u, const std::string &password) {
  return u.password == password;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: password 'password' is compared in plaintext using '==', so the other side is a stored plaintext password and the comparison leaks timing; store a password hash (Argon2id, bcrypt) and verify with its verify function
}

bool admin(const char *password) {
  return strcmp(password, "hunter2-admin") == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: password 'password' is compared with a hardcoded value using 'strcmp'; authenticate against a stored password hash (Argon2id, bcrypt) with its verify function
}

bool check_c(const char *stored_password, const char *input_password) {
  return strncmp(stored_password, input_password, 64) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: password 'stored_password' is compared in plaintext using 'strncmp', so the other side is a stored plaintext password and the comparison leaks timing; store a password hash (Argon2id, bcrypt) and verify with its verify function
}

bool compare_member(const std::string &pwd, const std::string &stored) {
  return pwd.compare(stored) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: password 'pwd' is compared in plaintext using 'compare', so the other side is a stored plaintext password and the comparison leaks timing; store a password hash (Argon2id, bcrypt) and verify with its verify function
}

void save(FILE *db_file, const User &u, sqlite3_stmt *st) {
  fprintf(db_file, "%s:%s\n", u.name.c_str(), u.password.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: password 'password' is written to a file unhashed; store a password hash (Argon2id, bcrypt, scrypt) instead
  std::ofstream out("users.txt");
  out << u.name << ":" << u.password << "\n";
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: password 'password' is written to a file unhashed; store a password hash (Argon2id, bcrypt, scrypt) instead
  sqlite3_bind_text(st, 2, u.password.c_str(), -1, SQLITE_TRANSIENT);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: password 'password' is written to a database unhashed; store a password hash (Argon2id, bcrypt, scrypt) instead
}

// ---- Safe lookalikes --------------------------------------------------------------
bool safe(const User &u, const std::string &password, const std::string &hash,
          const char *password_field, FILE *fp, sqlite3_stmt *st) {
  bool a = u.password_hash == hash;          // digests: the timing rule's
  bool b = password.empty();
  bool c = strcmp(password_field, "") == 0;  // emptiness
  bool d = u.name == "admin";
  fprintf(stderr, "user %s\n", u.name.c_str()); // a log, and no password
  fprintf(fp, "%s\n", u.password_hash.c_str()); // a hash may be stored
  sqlite3_bind_text(st, 2, u.password_hash.c_str(), -1, SQLITE_TRANSIENT);
  fprintf(fp, "%zu\n", u.password.size());      // its length is not the password
  return a && b && c && d;
}

// Registration: the password and its confirmation, both fresh input.
bool passwords_match(const std::string &password, const std::string &confirm_password) {
  return password == confirm_password;
}
