// RUN: %check_clang_tidy %s vibeguard-injection-format-string %t

#include <cstdio>
#include <cwchar>
#include <string>
#include <syslog.h>
#include <err.h>
#include <unistd.h>
#include <sys/socket.h>

static void log_line(const char *msg) {
  syslog(LOG_INFO, msg);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: network data from 'recv' reaches argument 2 of 'syslog' (format string injection); pass it as an argument of a literal format ("%s") [vibeguard-injection-format-string]
}

void serve(int fd) {
  char buf[512];
  ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return;
  buf[n] = 0;
  log_line(buf);
  printf(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: network data from 'recv' reaches argument 1 of 'printf'
  fprintf(stderr, buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: network data from 'recv' reaches argument 2 of 'fprintf'
  warnx(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: network data from 'recv' reaches argument 1 of 'warnx'

  wchar_t w[128];
  if (fgetws(w, 128, stdin))
    wprintf(w);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: user input from 'fgetws' reaches argument 1 of 'wprintf'

  // Safe: the data is an argument of a literal format.
  printf("%s", buf);
  syslog(LOG_INFO, "request: %s", buf);
  fprintf(stderr, "%.*s\n", (int)n, buf);
  wprintf(L"%ls", w);
  std::string s(buf);
  fputs(s.c_str(), stdout);
}
