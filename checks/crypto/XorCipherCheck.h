//===- XorCipherCheck.h - vibeguard-crypto-xor-cipher -----------------------===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_XORCIPHERCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_XORCIPHERCHECK_H

#include "../VibeGuardCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "llvm/ADT/DenseSet.h"

namespace vibeguard::tidy {

/// Finds "encryption" or obfuscation that XORs a buffer with a constant or a
/// repeating key in a loop.
class XorCipherCheck : public VibeGuardCheck {
public:
  XorCipherCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  llvm::DenseSet<const clang::BinaryOperator *> Reported;
  std::string RawVendored;
  std::vector<std::string> Vendored;
  ast::VendoredCode InVendored{Vendored};
};

} // namespace vibeguard::tidy

#endif
