//===- Catalog.h - The rule catalog and ISO/IEC 27001:2022 Annex A ---------===//
//
// The catalog is the single source of truth for rule metadata (DESIGN.md). It is
// loaded from YAML: by default from the copies embedded at build time, or from files a
// user names. Loading validates it: every control a rule names must be in Annex A.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CATALOG_CATALOG_H
#define VIBEGUARD_CATALOG_CATALOG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace vibeguard {

/// One Annex A control, e.g. {"A.8.28", "technological", "Secure coding"}.
struct Control {
  std::string Id;
  std::string Theme;
  std::string Title;
};

/// A rule's claim that it gives evidence for a control, and why.
struct ControlRef {
  std::string Control;
  std::string Rationale;
};

/// SARIF's `security-severity` for a severity (critical | high | medium | low): a
/// CVSS-like score GitHub buckets as critical >= 9.0, high >= 7.0, medium >= 4.0.
llvm::StringRef securitySeverityOf(llvm::StringRef Severity);

struct Rule {
  std::string Id;
  std::string Family;
  std::string Title;
  std::string Summary;
  std::string Severity;  // critical | high | medium | low
  std::string Precision; // very-high | high | medium | low
  std::vector<unsigned> CWE;
  std::vector<std::string> Owasp;
  std::vector<std::string> OwaspLLM;
  std::vector<ControlRef> PrimaryControls;
  std::vector<ControlRef> RelatedControls;
  std::string Remediation;
  /// The flagged line can hold the secret itself (a key, a password, a constant IV):
  /// reports never quote it.
  bool LineMayHoldSecret = false;

  /// SARIF's `security-severity` (a CVSS-like score GitHub buckets by).
  llvm::StringRef securitySeverity() const { return securitySeverityOf(Severity); }
};

/// CWE -> ISO/IEC 27001:2022 controls, for other tools' findings (cwe-controls.yaml).
struct CweMap {
  std::vector<std::string> Default;
  std::vector<std::pair<unsigned, std::vector<std::string>>> Groups; ///< CWE -> controls
  /// The controls for \p CWEs: every listed CWE's, or Default when none is listed.
  std::vector<std::string> controlsFor(const std::vector<unsigned> &CWEs) const;
};

class Catalog {
public:
  /// The catalog built into this binary.
  static const Catalog &builtin();

  /// Parses and validates rule and Annex A YAML texts. \p RulesName and \p AnnexName
  /// name the sources in error messages.
  static llvm::Expected<std::unique_ptr<Catalog>>
  parse(llvm::StringRef RulesYAML, llvm::StringRef RulesName,
        llvm::StringRef AnnexYAML, llvm::StringRef AnnexName);

  /// Loads a user's rules file, validated against the built-in Annex A.
  static llvm::Expected<std::unique_ptr<Catalog>>
  loadRulesFile(llvm::StringRef Path);

  const std::vector<Rule> &rules() const { return Rules; }
  const CweMap &cweMap() const { return Cwe; }
  const std::vector<Control> &controls() const { return Controls; }
  const Rule *findRule(llvm::StringRef Id) const;
  const Control *findControl(llvm::StringRef Id) const;
  /// Rules naming \p ControlId, as primary or related evidence.
  std::vector<const Rule *> rulesForControl(llvm::StringRef ControlId,
                                            bool Primary) const;

private:
  std::vector<Rule> Rules;
  std::vector<Control> Controls;
  CweMap Cwe;
};

} // namespace vibeguard

#endif
