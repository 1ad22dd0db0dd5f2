//===- Embedded.h - Data files compiled into the binaries ------------------===//
#ifndef VIBEGUARD_SUPPORT_EMBEDDED_H
#define VIBEGUARD_SUPPORT_EMBEDDED_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>

namespace vibeguard::embedded {
extern const char RulesYAML[];
extern const std::size_t RulesYAMLSize;
extern const char AnnexAYAML[];
extern const std::size_t AnnexAYAMLSize;
extern const char SecretsYAML[];
extern const std::size_t SecretsYAMLSize;
extern const char CweControlsYAML[];
extern const std::size_t CweControlsYAMLSize;
extern const char CryptoYAML[];
extern const std::size_t CryptoYAMLSize;
extern const char TaintDefaultYAML[];
extern const std::size_t TaintDefaultYAMLSize;
extern const char SecretsPacked[];
extern const std::size_t SecretsPackedSize;
extern const char CryptoPacked[];
extern const std::size_t CryptoPackedSize;
extern const char TaintDefaultPacked[];
extern const std::size_t TaintDefaultPackedSize;
extern const char ReportHTML[];
extern const std::size_t ReportHTMLSize;

inline llvm::StringRef rules() { return {RulesYAML, RulesYAMLSize}; }
inline llvm::StringRef annexA() { return {AnnexAYAML, AnnexAYAMLSize}; }
inline llvm::StringRef secrets() { return {SecretsYAML, SecretsYAMLSize}; }
inline llvm::StringRef crypto() { return {CryptoYAML, CryptoYAMLSize}; }
inline llvm::StringRef taintDefault() { return {TaintDefaultYAML, TaintDefaultYAMLSize}; }
/// The packed forms of secrets.yaml, crypto.yaml and taint-default.yaml
/// (vibeguard/Support/YAMLPack.h), which the models read at run time.
inline llvm::StringRef secretsPacked() { return {SecretsPacked, SecretsPackedSize}; }
inline llvm::StringRef cryptoPacked() { return {CryptoPacked, CryptoPackedSize}; }
inline llvm::StringRef taintDefaultPacked() {
  return {TaintDefaultPacked, TaintDefaultPackedSize};
}
inline llvm::StringRef reportHTML() { return {ReportHTML, ReportHTMLSize}; }
inline llvm::StringRef cweControls() { return {CweControlsYAML, CweControlsYAMLSize}; }
} // namespace vibeguard::embedded

#endif
