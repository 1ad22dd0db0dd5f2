//===- InjectionCheck.h - vibeguard-injection-* -------------------------------===//
//
// One check per sink kind (command, sql, format-string, path-traversal, ldap, xpath,
// ssrf, xss, header-injection): untrusted data (SourceKinds, default user input,
// network, environment and file contents) reaches a sink of that kind with no
// sanitizer for it on the way (an integer conversion, an escaping function, a declared
// Filter, or a validation check the value passed).
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_INJECTION_INJECTIONCHECK_H
#define VIBEGUARD_CHECKS_INJECTION_INJECTIONCHECK_H

#include "../taint/TaintCheck.h"

namespace vibeguard::tidy {

class InjectionCheck : public TaintCheck {
public:
  /// \p SinkKind: a taint model sink kind ("command", "sql", ...).
  InjectionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx,
                 llvm::StringRef SinkKind);

protected:
  bool accepts(const taint::Flow &F) const override;
  std::string message(const taint::Flow &F) const override;

private:
  std::string Kind;
};

} // namespace vibeguard::tidy

#endif
