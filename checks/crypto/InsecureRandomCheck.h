//===- InsecureRandomCheck.h - vibeguard-crypto-insecure-random -------------===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_INSECURERANDOMCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_INSECURERANDOMCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Crypto/Crypto.h"

namespace vibeguard::tidy {

/// Where a random or predictable value ends up, and the role of that place.
struct RandomUse {
  const clang::Expr *Source = nullptr;
  std::string SourceName; ///< "rand", "std::mersenne_twister_engine", "time"
  std::string Receiver;   ///< "aes_key", "generate_token"
  crypto::Role Role = crypto::Role::None;
  bool Seed = false;          ///< it only seeds a generator: srand(time(0))
  bool ThroughDigest = false; ///< it was hashed on the way
};

/// Finds the values of insecure random sources (rand, random, drand48, std::mt19937
/// and other standard engines) or predictable ones (time, clock, getpid) and follows
/// each to what receives it: a variable, element, field, return value or crypto API
/// argument. Shared with vibeguard-auth-predictable-session-id.
std::optional<RandomUse> findRandomUse(const clang::CallExpr &Call,
                                       clang::ASTContext &Ctx, bool IncludePredictable);
/// Follows the value of \p Source (named \p SourceName in messages) to what receives
/// it. Through a fast digest when \p ThroughDigests: a hash of predictable data is
/// predictable.
RandomUse followValue(const clang::Expr &Source, std::string SourceName,
                      clang::ASTContext &Ctx, bool ThroughDigests);

/// Finds keys, IVs, nonces, salts and passwords made from a non-cryptographic random
/// generator.
class InsecureRandomCheck : public clang::tidy::ClangTidyCheck {
public:
  InsecureRandomCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), Ctx(Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  clang::tidy::ClangTidyContext *Ctx;
};

} // namespace vibeguard::tidy

#endif
