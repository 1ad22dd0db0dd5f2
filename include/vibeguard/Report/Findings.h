//===- Findings.h - The scan result model and its SARIF form -----------------===//
#ifndef VIBEGUARD_REPORT_FINDINGS_H
#define VIBEGUARD_REPORT_FINDINGS_H

#include "vibeguard/Analysis/TaintRules.h"
#include "vibeguard/Analysis/TaintSummary.h"
#include "vibeguard/Catalog/Catalog.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace vibeguard::report {

struct Location {
  std::string File; ///< absolute
  unsigned Line = 0, Column = 0;
  std::string Message;
  /// The source line (whitespace folded, at most 240 bytes), for a finding's primary
  /// location; empty where the line may hold secret material (see finalize()).
  std::string Snippet;
};

struct Finding {
  std::string Rule;
  std::string Message;
  Location Where;
  std::vector<Location> Notes;
  /// Stable across line shifts and checkouts: rule, path relative to the source root,
  /// the source line's text (whitespace folded) and its occurrence number.
  std::string Fingerprint;
  /// The review state (vibeguard report --triage): open, confirmed, false-positive,
  /// accepted-risk, fixed.
  std::string State = "open";
  /// Filled by enrich(): from the catalog for vibeguard rules, from the tool's rule and
  /// the CWE map for other tools' findings.
  std::string Tool = "vibeguard";
  std::string Severity;             ///< critical | high | medium | low
  std::vector<unsigned> CWE;
  std::vector<std::string> Controls; ///< ISO 27001 controls (primary)
  bool Unmapped = false;             ///< another tool's finding without any CWE
};

/// A NOLINT comment that silences vibeguard rules: what an auditor must see.
struct Suppression {
  std::string File; ///< absolute
  unsigned Line = 0;
  std::string Kind;   ///< NOLINT, NOLINTNEXTLINE, NOLINTBEGIN
  std::string Checks; ///< as written; "" for a bare NOLINT (every check)
  std::string Justification; ///< the text after it, or "none given"
};

/// The NOLINT comments in \p Text (the file \p File) that reach vibeguard rules; the
/// NOLINTENDs too with \p WithEnds (the inventory lists only the BEGINs).
std::vector<Suppression> findSuppressions(llvm::StringRef Text, llvm::StringRef File,
                                          bool WithEnds = false);

/// A TU the scan could not analyse, and why.
struct Failure {
  std::string File;
  std::string Reason;
};

/// A translation unit's taint data from its worker (vibeguard-worker's "taint"): the
/// taint rules it ran with its options for each, its function summaries (those its
/// worker computed), and every function it defines with the calls and flow ends that
/// decide which summaries a cross-TU link needs.
struct TaintUnit {
  std::string File;
  std::string Digest; ///< of its JSON text: orders units of one file deterministically
  std::vector<std::pair<std::string, taint::RuleOptions>> Rules;
  std::vector<taint::FunctionSummary> Summaries;
  std::vector<taint::FunctionNode> Functions;
};

/// Reads a worker's taint data from its JSON text; \p What names the file for the error.
/// \p Digest is the text's SHA-256 when the caller knows it (computed otherwise).
llvm::Expected<TaintUnit> readTaintUnit(llvm::StringRef Text, llvm::StringRef File,
                                        llvm::StringRef What, llvm::StringRef Digest = "");
/// The "taint" object readTaintUnit reads.
llvm::json::Object taintUnitJSON(const TaintUnit &U);

struct ScanResult {
  std::string SourceRoot; ///< absolute; SARIF URIs are relative to it
  /// Where the rule pages live: "<base><family>/<name>.md" is each rule's helpUri.
  std::string DocsBaseUri;
  std::vector<Finding> Findings;
  std::vector<Failure> Failures;
  std::vector<std::string> Skipped;
  /// What the checks said of their configuration (an option value they refused):
  /// SARIF's toolConfigurationNotifications, sorted, each once.
  std::vector<std::string> ConfigWarnings;
  std::vector<Suppression> Suppressions;
  unsigned TranslationUnits = 0;
  /// For the cross-TU link; a shard's SARIF carries them (EmbedTaint) to the merge.
  std::vector<TaintUnit> Taint;
  bool EmbedTaint = false;
  std::string TaintHeaderFilter = ".*"; ///< the scan's --header-filter, for the merge
};

/// Sorts findings, drops duplicates (a header's finding seen from several TUs) and
/// computes fingerprints. Deterministic: the same input gives the same output.
void finalize(ScanResult &R);

/// SARIF 2.1.0: rules from the catalog (helpUri, CWE tags, security-severity),
/// taxonomies for CWE, OWASP and ISO/IEC 27001:2022 with rule relationships, results
/// with partialFingerprints, URIs relative to %SRCROOT%, failed TUs and skipped entries
/// as toolExecutionNotifications.
std::string toSarif(const ScanResult &R, const Catalog &C);
/// The findings as plain JSON, and as clang-style text lines.
std::string toJSON(const ScanResult &R);
std::string toText(const ScanResult &R);

/// Reads a SARIF log written by vibeguard scan back (for merging shards). Errors name
/// the file and what is wrong.
llvm::Expected<ScanResult> readScanSarif(llvm::StringRef Path);
/// The same, from \p Text already read (\p Path names it in errors).
llvm::Expected<ScanResult> parseScanSarif(llvm::StringRef Text, llvm::StringRef Path);

/// Reads SARIF of any tool (CodeQL, Semgrep, cppcheck, clang...): every run's results,
/// with the CWEs of their rules (tags "external/cwe/cwe-N" or "CWE-N", or relationships
/// to a CWE taxonomy) and a severity from security-severity or the level. Paths are
/// made absolute through originalUriBaseIds, else against \p DefaultRoot.
llvm::Expected<ScanResult> parseForeignSarif(llvm::StringRef Text, llvm::StringRef Path,
                                             llvm::StringRef DefaultRoot);

/// Fills each finding's severity, CWEs and controls (see Finding).
void enrich(ScanResult &R, const Catalog &C);

/// \p File relative to \p Root with '/' separators (unchanged when outside it).
std::string relativePath(llvm::StringRef File, llvm::StringRef Root);

/// \p S as the reports write it: file (relative to \p Root), line, kind, checks,
/// justification.
llvm::json::Object suppressionJSON(const Suppression &S, llvm::StringRef Root);

/// Moves \p From's findings, failures and suppressions to the end of \p Into.
void append(ScanResult &Into, ScanResult &&From);

} // namespace vibeguard::report

#endif
