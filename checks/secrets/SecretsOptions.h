//===- SecretsOptions.h - CheckOptions shared by the secrets checks --------===//
//
// CredentialNames  extra credential words, ';'-separated ("license_key;pin")
// AllowedValues    RE2 regex; literals matching it are never reported
// MinEntropy       bits/char a value under a generic name ("token") must reach
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_SECRETS_SECRETSOPTIONS_H
#define VIBEGUARD_CHECKS_SECRETS_SECRETSOPTIONS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Secrets/Secrets.h"

namespace vibeguard::tidy {

class SecretsOptions {
public:
  SecretsOptions(const clang::tidy::ClangTidyCheck::OptionsView &View,
                 clang::tidy::ClangTidyCheck &Check);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &View,
             clang::tidy::ClangTidyOptions::OptionMap &Opts) const;
  const secrets::Recognizer &recognizer() const { return *Rec; }

private:
  std::string Names, Allowed, Entropy;
  std::unique_ptr<secrets::Recognizer> Rec;
};

} // namespace vibeguard::tidy

#endif
