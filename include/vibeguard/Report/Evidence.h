//===- Evidence.h - Signed evidence packs -------------------------------------===//
//
// A pack is a directory of report artifacts plus manifest.json: the tool, a digest of
// the rule catalog, the scan scope, the time, and the SHA-256 of every artifact, signed
// with HMAC-SHA256 (a secret from the environment) or Ed25519 (a PEM key) over the
// manifest's canonical JSON. Keys never appear in any output.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_REPORT_EVIDENCE_H
#define VIBEGUARD_REPORT_EVIDENCE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <string>
#include <vector>

namespace vibeguard::report {

struct SigningKey {
  enum Kind { HMAC, Ed25519 } Algorithm = HMAC;
  std::string Secret;  ///< HMAC: the key bytes
  std::string PemPath; ///< Ed25519: a private key (signing) or public/private key (verifying)
};

/// Writes \p Artifacts (name -> contents) and a signed manifest into \p Dir, which must
/// not exist yet; the pack appears whole or not at all. \p Scope is recorded as is.
llvm::Error writeEvidencePack(llvm::StringRef Dir,
                              const std::map<std::string, std::string> &Artifacts,
                              llvm::json::Object Scope, const SigningKey &Key);

/// Checks every digest and the signature. Returns the problems, one line each
/// ("modified: report.md", "missing: findings.csv", "added: notes.txt", "signature
/// does not verify ..."); empty when the pack is intact. Errors: no readable manifest.
llvm::Expected<std::vector<std::string>> verifyEvidencePack(llvm::StringRef Dir,
                                                            const SigningKey &Key);

/// SHA-256 (OpenSSL) of \p Data, lowercase hex.
std::string sha256Hex(llvm::StringRef Data);

} // namespace vibeguard::report

#endif
