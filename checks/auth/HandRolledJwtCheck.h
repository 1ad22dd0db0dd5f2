//===- HandRolledJwtCheck.h - vibeguard-auth-hand-rolled-jwt ----------------===//
#ifndef VIBEGUARD_CHECKS_AUTH_HANDROLLEDJWTCHECK_H
#define VIBEGUARD_CHECKS_AUTH_HANDROLLEDJWTCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds functions that parse or verify JWTs by hand: splitting on '.',
/// base64url-decoding the parts, reading "alg", accepting "none", comparing the
/// signature with == or memcmp, instead of calling a maintained JWT library.
class HandRolledJwtCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onEndOfTranslationUnit() override;

private:
  void checkFunction(const clang::FunctionDecl &FD);
  std::vector<const clang::FunctionDecl *> Functions; ///< with bodies, in walk order
  bool LiteralsSayJwt = false;
};

} // namespace vibeguard::tidy

#endif
