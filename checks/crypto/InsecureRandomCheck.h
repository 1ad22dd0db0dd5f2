//===- InsecureRandomCheck.h - vibeguard-crypto-insecure-random -------------===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_INSECURERANDOMCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_INSECURERANDOMCHECK_H

#include "../VibeGuardCheck.h"
#include "llvm/ADT/DenseMap.h"
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

/// Where a value is: the function being walked, the statements above the value (from
/// the function body down to its parent), and the range-for loop variables seen so far
/// (`for (auto &b : nonce)`: b stands for nonce's elements).
struct ValuePath {
  const clang::FunctionDecl *Function = nullptr;
  llvm::ArrayRef<const clang::Stmt *> Ancestors;
  const llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> *RangeVars = nullptr;
};

/// Walks every function definition's body once, giving each statement its path.
/// Lambdas are walked as part of the function that contains them.
void forEachStmtInFunction(
    const clang::FunctionDecl &FD,
    llvm::function_ref<void(const clang::Stmt &, const ValuePath &)> Fn);

/// Whether \p FD's body holds something findRandomUse could start from (a call to a
/// function named like a random or predictable source; a call operator: an engine or
/// a distribution) or, with \p Counters, an increment of a global. Most bodies hold
/// none: one cheap pass, shared by the checks that ask, spares them the walk with
/// paths.
bool mayHoldRandomSource(const clang::FunctionDecl &FD, bool Counters);
/// Ends what mayHoldRandomSource remembers: at the end of each translation unit.
void forgetRandomSources();

/// Finds the value of an insecure random source (rand, random, drand48, std::mt19937
/// and other standard engines) or a predictable one (time, clock, getpid) and follows
/// it to what receives it: a variable, element, field, return value or crypto API
/// argument. Shared with vibeguard-auth-predictable-session-id.
std::optional<RandomUse> findRandomUse(const clang::CallExpr &Call, const ValuePath &Path,
                                       bool IncludePredictable);
/// Follows the value of \p Source (named \p SourceName in messages) to what receives
/// it. Through a fast digest when \p ThroughDigests: a hash of predictable data is
/// predictable.
RandomUse followValue(const clang::Expr &Source, std::string SourceName,
                      const ValuePath &Path, bool ThroughDigests);

/// Finds keys, IVs, nonces, salts and passwords made from a non-cryptographic random
/// generator.
class InsecureRandomCheck : public VibeGuardCheck {
public:
  InsecureRandomCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : VibeGuardCheck(Name, Ctx), TidyCtx(Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
  void onEndOfTranslationUnit() override { forgetRandomSources(); }

private:
  void checkCall(const clang::CallExpr &Call, const ValuePath &Path,
                 clang::ASTContext &Ctx);
  clang::tidy::ClangTidyContext *TidyCtx;
};

} // namespace vibeguard::tidy

#endif
