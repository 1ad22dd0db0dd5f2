//===- Triage.h - Review decisions kept in the scanned repository -------------===//
//
// .vibeguard-triage.yaml holds one decision per finding fingerprint: confirmed,
// false-positive, accepted-risk (with justification, owner and expiry date) or fixed.
// It is plain YAML so reviewers see decisions in diffs.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_REPORT_TRIAGE_H
#define VIBEGUARD_REPORT_TRIAGE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace vibeguard::report {

struct Decision {
  std::string Fingerprint;
  std::string State; ///< confirmed | false-positive | accepted-risk | fixed
  std::string Rule, Location; ///< informational: what the finding was
  std::string Justification, Owner;
  std::string Expires; ///< YYYY-MM-DD; required for accepted-risk
  std::string Decided; ///< YYYY-MM-DD
};

struct TriageFile {
  std::vector<Decision> Decisions;
  const Decision *find(llvm::StringRef Fingerprint) const;
  /// Adds or replaces the decision for D.Fingerprint; keeps the file sorted.
  void set(Decision D);
};

/// Parses and validates a triage file: states, required fields, dates. Errors name
/// \p Name, the entry and the problem.
llvm::Expected<TriageFile> parseTriage(llvm::StringRef Text, llvm::StringRef Name);
llvm::Expected<TriageFile> readTriage(llvm::StringRef Path);
std::string toYAML(const TriageFile &T);

/// Whether an accepted risk has expired on \p Today (YYYY-MM-DD): it is open again.
bool expired(const Decision &D, llvm::StringRef Today);
/// Today's date, UTC, YYYY-MM-DD.
std::string today();
/// The current UTC time in a strftime \p Format.
std::string utcNow(const char *Format);
/// The state a finding is in: its decision's, or "open" (also for an expired risk).
std::string stateOf(const TriageFile &T, llvm::StringRef Fingerprint,
                    llvm::StringRef Today);

} // namespace vibeguard::report

#endif
