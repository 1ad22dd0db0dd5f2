//===- InsecureCookieCheck.h - vibeguard-auth-insecure-cookie ---------------===//
#ifndef VIBEGUARD_CHECKS_AUTH_INSECURECOOKIECHECK_H
#define VIBEGUARD_CHECKS_AUTH_INSECURECOOKIECHECK_H

#include "../VibeGuardCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace vibeguard::tidy {

/// Finds Set-Cookie headers for session-like cookies built without Secure and
/// HttpOnly: header literals, string concatenations and formats, and header-setting
/// APIs such as cpp-httplib's Response::set_header.
class InsecureCookieCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
  void onEndOfTranslationUnit() override { Seen.clear(); }

private:
  void checkCookie(const clang::Expr *Value, clang::SourceLocation Loc,
                   clang::ASTContext &Ctx);
  llvm::DenseSet<const clang::Expr *> Seen;
};

} // namespace vibeguard::tidy

#endif
