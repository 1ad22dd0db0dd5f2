//===- WeakAlgorithmCheck.h - vibeguard-crypto-weak-algorithm ---------------===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_WEAKALGORITHMCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_WEAKALGORITHMCHECK_H

#include "../VibeGuardCheck.h"
#include "llvm/ADT/DenseMap.h"

namespace vibeguard::tidy {

/// Finds broken or weak algorithms selected through real libraries: OpenSSL, mbedTLS,
/// Crypto++, Botan, Windows CryptoAPI/CNG, crypt(); short RSA keys; RSA encryption
/// with PKCS#1 v1.5 padding.
class WeakAlgorithmCheck : public VibeGuardCheck {
public:
  WeakAlgorithmCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : VibeGuardCheck(Name, Ctx),
        AuthChecksEnabled(Ctx->isCheckEnabled("vibeguard-auth-weak-password-hash")) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

private:
  bool AuthChecksEnabled;
  /// Weak-algorithm rules whose name pattern each callee matches (most match none).
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<unsigned>> Candidates;
  void checkCall(const clang::CallExpr &Call, clang::ASTContext &Ctx);
  /// \p SecurityContext is asked only when the type is a weak algorithm's.
  void checkType(clang::QualType T, clang::SourceLocation Loc, clang::ASTContext &Ctx,
                 llvm::function_ref<bool()> SecurityContext);
};

} // namespace vibeguard::tidy

#endif
