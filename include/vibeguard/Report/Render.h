//===- Render.h - The ISO 27001 view of scan results: Markdown, CSV, JSON -----===//
#ifndef VIBEGUARD_REPORT_RENDER_H
#define VIBEGUARD_REPORT_RENDER_H

#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Report/Findings.h"
#include <string>

namespace vibeguard::report {

/// Each Annex A control with the rules that give evidence for it (primary, related)
/// and its findings, then the findings by severity. Markdown sized for a pull-request
/// comment: at most \p MaxFindings findings are listed, the rest counted.
std::string toMarkdown(const ScanResult &R, const Catalog &C, size_t MaxFindings = 50);
/// One row per finding: fingerprint, rule, severity, CWE, primary and related ISO
/// controls, file, line, column, message (RFC 4180 quoting).
std::string toCSV(const ScanResult &R, const Catalog &C);
/// The control view as JSON: controls -> rules -> findings, plus the controls a static
/// scan gives no evidence for.
std::string toControlJSON(const ScanResult &R, const Catalog &C);

/// One self-contained HTML page (no network, strict Content-Security-Policy): the
/// control view, the findings with filters, sorting and their traces, the suppression
/// inventory, and a review form whose decisions export as .vibeguard-triage.yaml.
/// Scanned text reaches the page only as JSON data rendered through textContent.
std::string toHTML(const ScanResult &R, const Catalog &C);

/// GitLab's SAST report (security-report-schemas v15.0.7, sast-report-format.json):
/// one vulnerability per finding with its rule and CWE identifiers, repository-relative
/// locations, and an id derived from the finding's fingerprint (stable across runs).
/// \p Start and \p End are UTC times, "YYYY-MM-DDTHH:MM:SS".
std::string toGitLabSast(const ScanResult &R, const Catalog &C, llvm::StringRef Start,
                         llvm::StringRef End);

} // namespace vibeguard::report

#endif
