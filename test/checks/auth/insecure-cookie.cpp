// RUN: %check_clang_tidy %s vibeguard-auth-insecure-cookie %t -- -DCPPHTTPLIB_OPENSSL_SUPPORT

#include <cstdio>
#include <httplib.h>
#include <string>

void handlers(httplib::Response &res, const std::string &session, const std::string &tok) {
  res.set_header("Set-Cookie", "session=" + session);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: session cookie 'session' is set without Secure, HttpOnly, SameSite: it can be sent over plain HTTP and read by injected scripts; add 'Secure; HttpOnly; SameSite=Lax'
  res.set_header("Set-Cookie", "auth_token=" + tok + "; Path=/; HttpOnly");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: session cookie 'auth_token' is set without Secure, SameSite: it can be sent over plain HTTP; add 'Secure; SameSite=Lax'
  res.set_header("Set-Cookie", "sid=" + session + "; Secure; HttpOnly");
}

void path_is_not_a_flag(httplib::Response &res, const std::string &session) {
  res.set_header("Set-Cookie", "session=" + session + "; Path=/secure; HttpOnly");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: session cookie 'session' is set without Secure, SameSite: it can be sent over plain HTTP; add 'Secure; SameSite=Lax'
}

void cgi(char *buf, size_t n, const char *sid) {
  snprintf(buf, n, "Set-Cookie: PHPSESSID=%s; Path=/\r\n", sid);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: session cookie 'PHPSESSID' is set without Secure, HttpOnly, SameSite: it can be sent over plain HTTP and read by injected scripts; add 'Secure; HttpOnly; SameSite=Lax'
  std::string h = std::string("Set-Cookie: jwt=") + sid + "; Secure";
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: session cookie 'jwt' is set without HttpOnly, SameSite: it can be read by injected scripts; add 'HttpOnly; SameSite=Lax'
  (void)h;
}

// ---- Safe lookalikes --------------------------------------------------------------
void safe(httplib::Response &res, const std::string &session, const std::string &attrs,
          const std::string &csrf) {
  res.set_header("Set-Cookie", "session=" + session + "; Secure; HttpOnly; SameSite=Lax");
  res.set_header("Set-Cookie", "theme=dark; Path=/");                   // not a session
  res.set_header("Set-Cookie", "session=" + session + attrs);           // attributes unknown
  res.set_header("Set-Cookie", "csrf_token=" + csrf + "; Secure; SameSite=Strict"); // scripts read it
  res.set_header("Content-Type", "text/html");
}
