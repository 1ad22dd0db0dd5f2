//===- SecretsOptions.cpp ---------------------------------------------------===//
#include "SecretsOptions.h"

using namespace clang::tidy;

namespace vibeguard::tidy {

SecretsOptions::SecretsOptions(const ClangTidyCheck::OptionsView &View,
                               ClangTidyCheck &Check)
    : Names(View.getLocalOrGlobal("CredentialNames", "").str()),
      Allowed(View.getLocalOrGlobal("AllowedValues", "").str()),
      Entropy(View.getLocalOrGlobal("MinEntropy", "3.0").str()) {
  secrets::Options O;
  O.ExtraNames = secrets::splitList(Names);
  if (auto Err = secrets::validateRegex(Allowed, "AllowedValues"))
    Check.configurationDiag("%0") << llvm::toString(std::move(Err));
  else
    O.AllowedValuesRegex = Allowed;
  double E;
  if (llvm::StringRef(Entropy).getAsDouble(E) || E < 0 || E > 8)
    Check.configurationDiag("option 'MinEntropy': '%0' is not a number of bits per "
                            "character between 0 and 8; using 3.0")
        << Entropy;
  else
    O.MinEntropy = E;
  Rec = std::make_unique<secrets::Recognizer>(std::move(O));
}

void SecretsOptions::store(const ClangTidyCheck::OptionsView &View,
                           ClangTidyOptions::OptionMap &Opts) const {
  View.store(Opts, "CredentialNames", Names);
  View.store(Opts, "AllowedValues", Allowed);
  View.store(Opts, "MinEntropy", Entropy);
}

} // namespace vibeguard::tidy
