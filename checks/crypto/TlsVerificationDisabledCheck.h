//===- TlsVerificationDisabledCheck.h - vibeguard-crypto-tls-verification-disabled ===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_TLSVERIFICATIONDISABLEDCHECK_H
#define VIBEGUARD_CHECKS_CRYPTO_TLSVERIFICATIONDISABLEDCHECK_H

#include "../VibeGuardCheck.h"

namespace vibeguard::tidy {

/// Finds TLS certificate verification turned off (libcurl, OpenSSL, mbedTLS,
/// cpp-httplib), verify callbacks that accept everything, and protocol versions
/// before TLS 1.2.
class TlsVerificationDisabledCheck : public VibeGuardCheck {
public:
  using VibeGuardCheck::VibeGuardCheck;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onMatch(const Matched &Result);
};

} // namespace vibeguard::tidy

#endif
