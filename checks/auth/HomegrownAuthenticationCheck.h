//===- HomegrownAuthenticationCheck.h - vibeguard-auth-homegrown-authentication ===//
#ifndef VIBEGUARD_CHECKS_AUTH_HOMEGROWNAUTHENTICATIONCHECK_H
#define VIBEGUARD_CHECKS_AUTH_HOMEGROWNAUTHENTICATIONCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds login/authenticate/check_password functions that decide by themselves
/// whether a password is right, instead of delegating to PAM, a password-KDF verify
/// function or an identity provider. A review-level finding: it says what it saw.
class HomegrownAuthenticationCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
};

} // namespace vibeguard::tidy

#endif
