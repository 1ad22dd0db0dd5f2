//===- LoggedSecretCheck.h - vibeguard-secrets-logged ------------------------===//
#ifndef VIBEGUARD_CHECKS_SECRETS_LOGGEDSECRETCHECK_H
#define VIBEGUARD_CHECKS_SECRETS_LOGGEDSECRETCHECK_H

#include "SecretsOptions.h"
#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds credentials written to a log or console: printf-family calls to
/// stdout/stderr/log files, syslog, err/warn, std::cout/cerr/clog, glog and Qt
/// streams, fmt, spdlog and std::print. A value is a credential when it is named like
/// one, labelled as one by the text before it ("password: %s"), or initialised from a
/// literal the other secrets rules recognise.
class LoggedSecretCheck : public VibeGuardCheck {
public:
  LoggedSecretCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : VibeGuardCheck(Name, Ctx), Opts(Options, *this) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) override {
    Opts.store(Options, O);
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);

private:
  /// Reports \p Arg when it holds a credential; \p Label is the format or stream text
  /// just before it.
  void checkValue(const clang::Expr *Arg, llvm::StringRef Label, llvm::StringRef Sink,
                  const clang::ASTContext &Ctx);
  SecretsOptions Opts;
};

} // namespace vibeguard::tidy

#endif
