//===- HardcodedCredentialCheck.h - vibeguard-secrets-hardcoded-credential ---===//
#ifndef VIBEGUARD_CHECKS_SECRETS_HARDCODEDCREDENTIALCHECK_H
#define VIBEGUARD_CHECKS_SECRETS_HARDCODEDCREDENTIALCHECK_H

#include "SecretsOptions.h"
#include "../VibeGuardCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace vibeguard::tidy {

/// Finds literals used as credentials: stored under a credential's name (variable,
/// field, parameter default, macro, map or JSON key), passed to the credential
/// parameter of a known API, or carrying one inside (Authorization header, URL
/// userinfo, connection-string password).
class HardcodedCredentialCheck : public VibeGuardCheck {
public:
  HardcodedCredentialCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
  // Macro callbacks run while parsing, before matching starts: reset only at the end.
  void onEndOfTranslationUnit() override { Reported.clear(); }

  /// Called for `#define NAME "literal"`.
  void checkMacro(llvm::StringRef Name, clang::SourceLocation NameLoc,
                  const clang::Token &LiteralTok, llvm::StringRef Value);

private:
  /// Reports \p SL (once per spelling location) as the value of \p Name.
  void reportNamed(const clang::StringLiteral *SL, llvm::StringRef Name,
                   const clang::SourceManager &SM);
  bool alreadyReported(clang::SourceLocation Loc, const clang::SourceManager &SM);

  SecretsOptions Opts;
  /// vibeguard-secrets-known-key-format reports literals in a known key format.
  bool KeyFormatsElsewhere;
  /// Spelling locations of literals already reported in this TU: a macro reported at
  /// its definition is not reported again where it expands.
  llvm::DenseSet<clang::SourceLocation> Reported;
  const clang::SourceManager *PPSourceManager = nullptr;
};

} // namespace vibeguard::tidy

#endif
