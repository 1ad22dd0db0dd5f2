//===- VibeGuardModule.cpp - Registers every vibeguard check ----------------===//
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include "secrets/HardcodedCredentialCheck.h"
#include "secrets/KnownKeyFormatCheck.h"
#include "secrets/LoggedSecretCheck.h"

namespace vibeguard::tidy {

class VibeGuardModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    // Alphabetical by check name.
    F.registerCheck<HardcodedCredentialCheck>(
        "vibeguard-secrets-hardcoded-credential");
    F.registerCheck<KnownKeyFormatCheck>("vibeguard-secrets-known-key-format");
    F.registerCheck<LoggedSecretCheck>("vibeguard-secrets-logged");
  }
};

} // namespace vibeguard::tidy

static clang::tidy::ClangTidyModuleRegistry::Add<vibeguard::tidy::VibeGuardModule>
    X("vibeguard-module", "vibeguard: security checks for vibe-coded C and C++.");
