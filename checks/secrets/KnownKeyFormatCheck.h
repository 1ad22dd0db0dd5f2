//===- KnownKeyFormatCheck.h - vibeguard-secrets-known-key-format -----------===//
#ifndef VIBEGUARD_CHECKS_SECRETS_KNOWNKEYFORMATCHECK_H
#define VIBEGUARD_CHECKS_SECRETS_KNOWNKEYFORMATCHECK_H

#include "SecretsOptions.h"
#include "../VibeGuardCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace vibeguard::tidy {

/// Finds literals (and comments, and unexpanded macro bodies) that match a known
/// provider credential format: AWS, GitHub, OpenAI, Anthropic, Slack, Stripe, PEM...
class KnownKeyFormatCheck : public VibeGuardCheck {
public:
  KnownKeyFormatCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : VibeGuardCheck(Name, Ctx), Opts(Options, *this) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) override {
    Opts.store(Options, O);
  }
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
  // Macro callbacks run while parsing, before matching starts: reset only at the end.
  void onEndOfTranslationUnit() override { Reported.clear(); }

  /// Scans raw source text (a comment or a literal token in a macro body) that
  /// starts at \p Begin.
  void scanText(llvm::StringRef Text, clang::SourceLocation Begin,
                llvm::StringRef Where);

private:
  SecretsOptions Opts;
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace vibeguard::tidy

#endif
