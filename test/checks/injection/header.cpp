// RUN: %check_clang_tidy %s vibeguard-injection-header %t

#include <cstdio>
#include <cstdlib>
#include <string>
#include <httplib.h>

bool is_valid_language(const std::string &);

void routes(httplib::Server &svr) {
  svr.Get("/go", [](const httplib::Request &req, httplib::Response &res) {
    res.set_header("X-Return-To", req.get_param_value("next"));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: user input from 'get_param_value' reaches argument 2 of 'set_header' (HTTP header injection); reject CR and LF in header values [vibeguard-injection-header]
    res.set_redirect(req.get_param_value("to"));
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: user input from 'get_param_value' reaches argument 1 of 'set_redirect'
  });
  // Safe: a constant value; a validated one.
  svr.Get("/ok", [](const httplib::Request &req, httplib::Response &res) {
    res.set_header("Cache-Control", "no-store");
    std::string lang = req.get_param_value("lang");
    if (!is_valid_language(lang))
      return;
    res.set_header("Content-Language", lang);
  });
}

int main(void) {
  const char *next = getenv("QUERY_STRING");
  printf("Status: 302 Found\r\nLocation: %s\r\n\r\n", next);
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: user input from 'getenv' reaches a CGI response header written by 'printf'
  printf("Name: %s\n", next); // a CLI's output, not a header
  return 0;
}
