//===- ConstantKeyIvSaltCheck.h - vibeguard-crypto-constant-key-iv-salt -----===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_CONSTANTKEYIVSALTCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_CONSTANTKEYIVSALTCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds constant keys, IVs/nonces and salts given to crypto APIs (OpenSSL, libsodium,
/// libargon2, mbedTLS, Windows CNG/CryptoAPI), and password KDFs run with less work
/// than current guidance (PBKDF2 iterations, Argon2 t/m, scrypt N, bcrypt cost).
class ConstantKeyIvSaltCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

private:
  void checkWorkFactor(const clang::CallExpr &Call, llvm::StringRef Fn,
                       clang::ASTContext &Ctx);
};

} // namespace vibeguard::tidy

#endif
