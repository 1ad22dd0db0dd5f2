//===- TimingUnsafeCompareCheck.h - vibeguard-crypto-timing-unsafe-compare --===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_TIMINGUNSAFECOMPARECHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_TIMINGUNSAFECOMPARECHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds MACs, signatures, tokens and secret digests compared in variable time
/// (memcmp, strcmp, ==, std::equal), with a fix-it to CRYPTO_memcmp or sodium_memcmp.
class TimingUnsafeCompareCheck : public VibeGuardCheck {
public:
  TimingUnsafeCompareCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : VibeGuardCheck(Name, Ctx), Ctx(Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

private:
  clang::tidy::ClangTidyContext *Ctx;
};

} // namespace vibeguard::tidy

#endif
