//===- PlaintextPasswordCheck.h - vibeguard-auth-plaintext-password ---------===//
#ifndef VIBEGUARD_CHECKS_AUTH_PLAINTEXTPASSWORDCHECK_H
#define VIBEGUARD_CHECKS_AUTH_PLAINTEXTPASSWORDCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds passwords compared in plaintext (with a literal or a stored value) and
/// passwords written to a file, the registry or a database unhashed.
class PlaintextPasswordCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
};

} // namespace vibeguard::tidy

#endif
