//===- InjectionCheck.cpp - vibeguard-injection-* -----------------------------===//
#include "InjectionCheck.h"

namespace vibeguard::tidy {

namespace {
struct KindText {
  llvm::StringRef Kind, Risk, Fix;
};
const KindText Texts[] = {
    {"command", "OS command injection",
     "run the program with an exec-style call and a fixed argument list, or check the "
     "value against an allowlist"},
    {"sql", "SQL injection",
     "use a prepared statement and bind the value as a parameter"},
    {"format", "format string injection",
     "pass it as an argument of a literal format (\"%s\")"},
    {"path", "path traversal",
     "resolve the path and check that it stays inside the allowed directory"},
    {"ldap", "LDAP injection", "escape the value for an LDAP filter (RFC 4515)"},
    {"xpath", "XPath injection",
     "pass the value as an XPath variable, or reject quotes in it"},
    {"url", "server-side request forgery",
     "check the scheme and host against an allowlist before the request"},
    {"html", "cross-site scripting",
     "HTML-escape the value, or send it as text/plain or JSON"},
    {"header", "HTTP header injection", "reject CR and LF in header values"},
};
} // namespace

InjectionCheck::InjectionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx,
                               llvm::StringRef SinkKind)
    : TaintCheck(Name, Ctx, "user-input;network"), Kind(SinkKind) {}

bool InjectionCheck::accepts(const taint::Flow &F) const {
  return F.Sink.Kind == Kind && untrusted(F);
}

std::string InjectionCheck::message(const taint::Flow &F) const {
  for (const KindText &T : Texts)
    if (T.Kind == Kind)
      return origin(F) + " reaches " + F.Sink.What + " (" + T.Risk.str() + "); " +
             T.Fix.str();
  return origin(F) + " reaches " + F.Sink.What;
}

} // namespace vibeguard::tidy
