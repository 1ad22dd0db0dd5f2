//===- VibeGuardModule.cpp - Registers every vibeguard check ----------------===//
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include "auth/HandRolledJwtCheck.h"
#include "auth/HomegrownAuthenticationCheck.h"
#include "auth/InsecureCookieCheck.h"
#include "auth/PlaintextPasswordCheck.h"
#include "auth/PredictableSessionIdCheck.h"
#include "auth/WeakPasswordHashCheck.h"
#include "crypto/ConstantKeyIvSaltCheck.h"
#include "crypto/HandRolledPrimitiveCheck.h"
#include "crypto/InsecureRandomCheck.h"
#include "crypto/TimingUnsafeCompareCheck.h"
#include "crypto/TlsVerificationDisabledCheck.h"
#include "crypto/WeakAlgorithmCheck.h"
#include "crypto/XorCipherCheck.h"
#include "secrets/HardcodedCredentialCheck.h"
#include "secrets/KnownKeyFormatCheck.h"
#include "secrets/LoggedSecretCheck.h"
#include "taint/TaintCheck.h"

namespace vibeguard::tidy {

class VibeGuardModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    // Alphabetical by check name.
    F.registerCheck<HandRolledJwtCheck>("vibeguard-auth-hand-rolled-jwt");
    F.registerCheck<HomegrownAuthenticationCheck>(
        "vibeguard-auth-homegrown-authentication");
    F.registerCheck<InsecureCookieCheck>("vibeguard-auth-insecure-cookie");
    F.registerCheck<PlaintextPasswordCheck>("vibeguard-auth-plaintext-password");
    F.registerCheck<PredictableSessionIdCheck>("vibeguard-auth-predictable-session-id");
    F.registerCheck<WeakPasswordHashCheck>("vibeguard-auth-weak-password-hash");
    F.registerCheck<ConstantKeyIvSaltCheck>("vibeguard-crypto-constant-key-iv-salt");
    F.registerCheck<HandRolledPrimitiveCheck>("vibeguard-crypto-hand-rolled-primitive");
    F.registerCheck<InsecureRandomCheck>("vibeguard-crypto-insecure-random");
    F.registerCheck<TimingUnsafeCompareCheck>("vibeguard-crypto-timing-unsafe-compare");
    F.registerCheck<TlsVerificationDisabledCheck>(
        "vibeguard-crypto-tls-verification-disabled");
    F.registerCheck<WeakAlgorithmCheck>("vibeguard-crypto-weak-algorithm");
    F.registerCheck<XorCipherCheck>("vibeguard-crypto-xor-cipher");
    // The injection and LLM checks: one per taint rule (lib/Analysis/TaintRules).
    for (const taint::TaintRule *R : taint::taintRules())
      F.registerCheck<TaintCheck>(R->name());
    F.registerCheck<HardcodedCredentialCheck>(
        "vibeguard-secrets-hardcoded-credential");
    F.registerCheck<KnownKeyFormatCheck>("vibeguard-secrets-known-key-format");
    F.registerCheck<LoggedSecretCheck>("vibeguard-secrets-logged");
  }
};

} // namespace vibeguard::tidy

static clang::tidy::ClangTidyModuleRegistry::Add<vibeguard::tidy::VibeGuardModule>
    X("vibeguard-module", "vibeguard: security checks for vibe-coded C and C++.");
