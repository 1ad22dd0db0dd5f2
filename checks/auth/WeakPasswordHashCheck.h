//===- WeakPasswordHashCheck.h - vibeguard-auth-weak-password-hash ----------===//
#ifndef VIBEGUARD_CHECKS_AUTH_WEAKPASSWORDHASHCHECK_H
#define VIBEGUARD_CHECKS_AUTH_WEAKPASSWORDHASHCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds passwords hashed with a fast digest (MD5, SHA-*, std::hash, CRC) instead of a
/// password KDF, and password KDFs given no salt or a constant one.
class WeakPasswordHashCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
};

} // namespace vibeguard::tidy

#endif
