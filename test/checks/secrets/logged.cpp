// RUN: %check_clang_tidy %s vibeguard-secrets-logged %t -- -DSPDLOG_FMT_EXTERNAL

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <syslog.h>
#include <err.h>
#include <fmt/core.h>
#include <glog/logging.h>
#include <spdlog/spdlog.h>

struct User {
  std::string name;
  std::string password;
  std::string api_key() const;
  int password_len;
};

std::string mask(const std::string &s);
const char *getPassword();

void logs(const User &u, const char *db_password, const std::string &token, FILE *logfile) {
  printf("connecting with %s\n", db_password);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: credential 'db_password' is written to a log by 'printf'; log that it is set, or a masked form, instead [vibeguard-secrets-logged]
  fprintf(stderr, "user %s pw %s\n", u.name.c_str(), u.password.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: credential 'password' is written to a log by 'fprintf'
  fprintf(logfile, "key=%s\n", u.api_key().c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: credential 'api_key' is written to a log by 'fprintf'
  syslog(LOG_INFO, "login %s/%s", u.name.c_str(), getPassword());
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: credential 'getPassword' is written to a log by 'syslog'
  std::cerr << "password for " << u.name << ": " << u.password << "\n";
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: credential 'password' is written to a log by 'std::cerr'
  std::cout << "Your new password is " << token << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: value labelled 'Your new password is' is written to a log by 'std::cout'
  printf("API key: %s\n", token.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: value labelled 'API key:' is written to a log by 'printf'
  warnx("bad secret_key %s", db_password);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: credential 'db_password' is written to a log by 'warnx'
  puts(db_password);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: credential 'db_password' is written to a log by 'puts'
  spdlog::info("auth with {} / {}", u.name, u.password);
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: credential 'password' is written to a log by 'spdlog::info'
  fmt::print(stderr, "client_secret={}\n", token);
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: value labelled 'client_secret=' is written to a log by 'fmt::print'
  LOG(INFO) << "db password " << db_password;
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: credential 'db_password' is written to a log by 'LOG()'
}

void hardcodedThenLogged() {
  const char *k = "AKIAZ7VRSQ3TLBFUXK4M";
  fprintf(stderr, "using %s\n", k);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'k' holds a hardcoded key and is written to a log by 'fprintf'
}

// ---- Safe lookalikes --------------------------------------------------------------
void safe(const User &u, const char *db_password, FILE *config_out, int token) {
  printf("password set: %s\n", db_password ? "yes" : "no");
  printf("password length %zu\n", strlen(db_password));
  printf("password_len=%d\n", u.password_len);
  std::cout << "password: " << mask(u.password) << "\n";
  fprintf(config_out, "%s\n", db_password);   // a file, not a log (plaintext storage is an auth rule)
  printf("Invalid password for user %s\n", u.name.c_str());
  printf("token %d\n", token);                  // an integer (a lexer token id)
  std::cout << "Enter password: ";
  spdlog::info("user {} logged in", u.name);
  LOG(INFO) << "password changed for " << u.name;
  char buf[64];
  snprintf(buf, sizeof buf, "%s", db_password); // not a log
}
