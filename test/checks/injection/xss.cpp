// RUN: %check_clang_tidy %s vibeguard-injection-xss %t

#include <cstdio>
#include <cstdlib>
#include <string>
#include <httplib.h>

static std::string page(const std::string &who) {
  return "<html><body>Hello " + who + "</body></html>";
}

void routes(httplib::Server &svr) {
  svr.Get("/hello", [](const httplib::Request &req, httplib::Response &res) {
    res.set_content(page(req.get_param_value("name")), "text/html");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: user input from 'get_param_value' reaches argument 1 of 'set_content' (cross-site scripting); HTML-escape the value, or send it as text/plain or JSON [vibeguard-injection-xss]
  });
  // Safe: not HTML.
  svr.Get("/echo", [](const httplib::Request &req, httplib::Response &res) {
    res.set_content(req.get_param_value("msg"), "text/plain");
  });
  svr.Get("/json", [](const httplib::Request &req, httplib::Response &res) {
    res.set_content("{\"q\":\"" + req.get_param_value("q") + "\"}", "application/json");
  });
}

// A CGI program: what it prints after "Content-Type: text/html" is HTML.
int main(void) {
  const char *q = getenv("QUERY_STRING");
  printf("Content-Type: text/html\r\n\r\n");
  printf("<p>You searched for %s</p>", q);
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: user input from 'getenv' reaches an HTML response written by 'printf' after 'text/html'
  return 0;
}
