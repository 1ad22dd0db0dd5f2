//===- PredictableSessionIdCheck.h - vibeguard-auth-predictable-session-id --===//
#ifndef VIBEGUARD_CHECKS_AUTH_PREDICTABLESESSIONIDCHECK_H
#define VIBEGUARD_CHECKS_AUTH_PREDICTABLESESSIONIDCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {
struct RandomUse;
}

namespace vibeguard::tidy {

/// Finds session ids, CSRF and reset tokens, API keys and one-time codes made from
/// rand/random/std::mt19937, the time, the process id, a counter, or a hash of them.
class PredictableSessionIdCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
  void onEndOfTranslationUnit() override;

private:
  void report(const RandomUse &Use, clang::ASTContext &Ctx);
};

} // namespace vibeguard::tidy

#endif
