//===- HandRolledPrimitiveCheck.h - vibeguard-crypto-hand-rolled-primitive --===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_HANDROLLEDPRIMITIVECHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_HANDROLLEDPRIMITIVECHECK_H

#include "../VibeGuardCheck.h"
#include "vibeguard/AST/ExprUtil.h"

namespace vibeguard::tidy {

/// Finds application code that implements a cryptographic primitive: tables of known
/// constants (AES, DES, MD5, SHA-1/2, Blowfish, ChaCha), TEA rounds, the RC4 key
/// schedule, or a keyed mixing loop in a function named for encryption or hashing.
class HandRolledPrimitiveCheck : public VibeGuardCheck {
public:
  HandRolledPrimitiveCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

private:
  void checkTable(const clang::VarDecl &VD, clang::ASTContext &Ctx);
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);
  std::string RawVendored;
  std::vector<std::string> Vendored;
  ast::VendoredCode InVendored{Vendored};
};

} // namespace vibeguard::tidy

#endif
