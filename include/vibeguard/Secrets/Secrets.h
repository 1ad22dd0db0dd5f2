//===- Secrets.h - Recognising credentials in names and literals -----------===//
//
// Shared by the secrets checks (and later by the auth and LLM rules): is this name a
// credential's name? is this literal a credential rather than a placeholder? does it
// match a known provider key format? The data behind the answers is secrets.yaml.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_SECRETS_SECRETS_H
#define VIBEGUARD_SECRETS_SECRETS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace re2 {
class RE2;
class Set;
} // namespace re2

namespace vibeguard {
class NameClassifier;
}

namespace vibeguard::secrets {

enum class NameStrength {
  None,    ///< not a credential's name
  Generic, ///< "token", "secret": also names non-secrets; the value must look random
  Strong,  ///< "password", "api_key": a literal there is a credential
};

/// A credential parameter of a known API (secrets.yaml: credential-parameters).
struct CredentialParameter {
  std::string Function;
  unsigned Arg = 0;
  std::string What;
  std::optional<unsigned> WhenArg;
  std::vector<std::string> When;
};

/// A pattern with a description: a key format or an embedded credential.
struct NamedPattern {
  std::string Id;
  std::string What;
  std::string Regex;
  /// A match whose secret has less entropy (bits/char) is a placeholder.
  double MinEntropy = 3.0;
  /// Key formats: every match contains one of these literal strings.
  std::vector<std::string> Anchors;
};

/// Where a pattern matched inside a literal.
struct PatternMatch {
  const NamedPattern *Pattern = nullptr;
  size_t Offset = 0; ///< of the secret (group 1, or the whole match) in the text
  std::string Secret;
};

/// User configuration shared by the checks (clang-tidy CheckOptions).
struct Options {
  /// Extra credential words, strong (e.g. "license_key;pin").
  std::vector<std::string> ExtraNames;
  /// Values matching this RE2 regex are never reported. Empty: none.
  std::string AllowedValuesRegex;
  /// Minimum Shannon entropy (bits per character) of a value under a generic name.
  double MinEntropy = 3.0;
};

class SecretsModel;

/// One configured recogniser. Construct once per check; cheap to query.
class Recognizer {
public:
  /// Uses the built-in data. \p Opts.AllowedValuesRegex must be valid (see
  /// validateRegex); an invalid one is ignored.
  explicit Recognizer(Options Opts = {});
  ~Recognizer();

  /// How strongly \p Identifier names a credential.
  NameStrength classifyName(llvm::StringRef Identifier) const;
  /// Whether \p Value, stored under a name of strength \p S, is a credential (not a
  /// placeholder, a field name, prose, or a low-entropy word under a generic name).
  bool isCredentialValue(llvm::StringRef Value, NameStrength S) const;
  /// A credential embedded in a literal (Authorization header, URL userinfo,
  /// connection-string password), unless it is a placeholder.
  std::optional<PatternMatch> findEmbeddedCredential(llvm::StringRef Text) const;
  /// Every known key format found in \p Text (documented examples excluded).
  std::vector<PatternMatch> findKnownKeys(llvm::StringRef Text) const;
  /// Whether some argument of \p Function is a credential parameter.
  bool hasCredentialParameters(llvm::StringRef Function) const;
  /// The credential parameter of a call to \p Function, if any; \p ArgName returns
  /// the name of the enumerator/macro passed as argument i (for `when`).
  const CredentialParameter *
  findCredentialParameter(llvm::StringRef Function, unsigned Arg,
                          llvm::function_ref<std::string(unsigned)> ArgName) const;
  /// True when the user allowlist or the placeholder list covers \p Value.
  bool isPlaceholderOrAllowed(llvm::StringRef Value) const;

  const Options &options() const { return Opts; }

private:
  const SecretsModel &Model;
  Options Opts;
  /// The built-in names plus Options::ExtraNames; null when there are none.
  std::unique_ptr<NameClassifier> Extended;
  std::unique_ptr<re2::RE2> Allowed;
};

/// Shannon entropy of \p S in bits per character.
double shannonEntropy(llvm::StringRef S);

/// A form of \p Secret safe to print: a short prefix, an ellipsis and the length,
/// e.g. "AKIA…" (20 chars). Never more than a quarter of the value, at most 4 chars.
std::string maskSecret(llvm::StringRef Secret);

/// Checks that \p Regex compiles with RE2; the error names \p OptionName.
llvm::Error validateRegex(llvm::StringRef Regex, llvm::StringRef OptionName);

/// Splits a ';' or ',' separated option value into trimmed, non-empty items.
std::vector<std::string> splitList(llvm::StringRef Value);

} // namespace vibeguard::secrets

#endif
