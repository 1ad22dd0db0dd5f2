//===- Render.cpp - Markdown, CSV and JSON views of scan results --------------===//
#include "vibeguard/Report/Render.h"

#include "vibeguard/Config.h"
#include "vibeguard/Support/Embedded.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <map>

using namespace vibeguard;
using namespace vibeguard::report;

namespace {
int rank(llvm::StringRef Severity) {
  return Severity == "critical" ? 4 : Severity == "high" ? 3 : Severity == "medium" ? 2 : 1;
}

std::string controls(const std::vector<ControlRef> &Refs) {
  std::vector<std::string> V;
  for (const ControlRef &C : Refs)
    V.push_back(C.Control);
  return llvm::join(V, " ");
}

/// Text safe in a Markdown table cell: no pipes or newlines, HTML left inert.
std::string cell(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '|')
      Out += "\\|";
    else if (C == '\n' || C == '\r')
      Out += ' ';
    else if (C == '<')
      Out += "&lt;";
    else if (C == '>')
      Out += "&gt;";
    else if (C == '`')
      Out += "'";
    else
      Out += C;
  }
  return Out;
}

std::string csvField(llvm::StringRef S) {
  // Formula injection: a cell starting with = + - @ is neutralised.
  std::string V = S.str();
  if (!V.empty() && llvm::StringRef("=+-@").contains(V[0]))
    V = "'" + V;
  std::string Out = "\"";
  for (char C : V)
    Out += C == '"' ? std::string("\"\"") : std::string(1, C);
  return Out + "\"";
}

/// Findings by the controls they give evidence for (enrich() filled them).
std::map<std::string, std::vector<const Finding *>> findingsByControl(const ScanResult &R,
                                                                      const Catalog &C) {
  std::map<std::string, std::vector<const Finding *>> Out;
  for (const Finding &F : R.Findings)
    for (const std::string &Ctl : F.Controls)
      Out[Ctl].push_back(&F);
  return Out;
}

std::string cweList(const std::vector<unsigned> &CWE) {
  std::vector<std::string> V;
  for (unsigned N : CWE)
    V.push_back("CWE-" + std::to_string(N));
  return llvm::join(V, " ");
}

/// "vibeguard-x" for our rules, "CodeQL: cpp/sql-injection" for another tool's.
std::string ruleLabel(const Finding &F) {
  return F.Tool == "vibeguard" ? F.Rule : F.Tool + ": " + F.Rule;
}
} // namespace

std::string report::toMarkdown(const ScanResult &R, const Catalog &C, size_t MaxFindings) {
  size_t Open = llvm::count_if(R.Findings, [](const Finding &F) { return F.State == "open"; });
  std::string Out = "## vibeguard: " + std::to_string(R.Findings.size()) + " finding" +
                    (R.Findings.size() == 1 ? "" : "s");
  if (Open != R.Findings.size())
    Out += " (" + std::to_string(Open) + " open, " + std::to_string(R.Findings.size() - Open) +
           " triaged)";
  if (!R.Failures.empty())
    Out += ", " + std::to_string(R.Failures.size()) + " file(s) not analysed";
  Out += "\n\n";
  std::map<int, unsigned> BySeverity;
  for (const Finding &F : R.Findings)
    ++BySeverity[rank(F.Severity)];
  Out += "| critical | high | medium | low |\n|---:|---:|---:|---:|\n| " +
         std::to_string(BySeverity[4]) + " | " + std::to_string(BySeverity[3]) + " | " +
         std::to_string(BySeverity[2]) + " | " + std::to_string(BySeverity[1]) + " |\n\n";

  auto ByControl = findingsByControl(R, C);
  if (!ByControl.empty()) {
    Out += "### ISO/IEC 27001:2022 controls with findings\n\n| control | findings | rules |\n"
           "|---|---:|---|\n";
    for (const Control &Ctl : C.controls()) {
      auto It = ByControl.find(Ctl.Id);
      if (It == ByControl.end())
        continue;
      std::vector<std::string> Rules;
      for (const Finding *F : It->second)
        if (!llvm::is_contained(Rules, ruleLabel(*F)))
          Rules.push_back(ruleLabel(*F));
      Out += "| " + Ctl.Id + " " + cell(Ctl.Title) + " | " + std::to_string(It->second.size()) +
             " | " + llvm::join(Rules, ", ") + " |\n";
    }
    Out += "\n";
  }
  if (!R.Findings.empty()) {
    std::vector<const Finding *> Sorted;
    for (const Finding &F : R.Findings)
      Sorted.push_back(&F);
    std::stable_sort(Sorted.begin(), Sorted.end(), [&](const Finding *A, const Finding *B) {
      return rank(A->Severity) > rank(B->Severity);
    });
    Out += "### Findings\n\n| severity | state | rule | location | message |\n"
           "|---|---|---|---|---|\n";
    for (size_t I = 0; I < Sorted.size() && I < MaxFindings; ++I) {
      const Finding &F = *Sorted[I];
      Out += "| " + F.Severity + " | " + F.State + " | " + cell(ruleLabel(F)) + " | " +
             cell(relativePath(F.Where.File, R.SourceRoot)) + ":" +
             std::to_string(F.Where.Line) + " | " + cell(F.Message) + " |\n";
    }
    if (Sorted.size() > MaxFindings)
      Out += "\n... and " + std::to_string(Sorted.size() - MaxFindings) +
             " more (see the SARIF or CSV report).\n";
  }
  size_t Unmapped = llvm::count_if(R.Findings, [](const Finding &F) { return F.Unmapped; });
  if (Unmapped)
    Out += "\n" + std::to_string(Unmapped) +
           " finding(s) of other tools name no CWE; they are shown under the default "
           "control(s) " + llvm::join(C.cweMap().Default, ", ") + ".\n";
  for (const Failure &F : R.Failures)
    Out += "\n- not analysed: " + cell(relativePath(F.File, R.SourceRoot)) + ": " +
           cell(F.Reason);
  if (!R.Failures.empty())
    Out += "\n";
  if (!R.Suppressions.empty()) {
    Out += "\n### Suppressions (NOLINT of vibeguard rules)\n\n| location | kind | checks | "
           "justification |\n|---|---|---|---|\n";
    for (const Suppression &S : R.Suppressions)
      Out += "| " + cell(relativePath(S.File, R.SourceRoot)) + ":" + std::to_string(S.Line) +
             " | " + S.Kind + " | " + cell(S.Checks.empty() ? "(all checks)" : S.Checks) +
             " | " + cell(S.Justification) + " |\n";
  }
  return Out;
}

std::string report::toCSV(const ScanResult &R, const Catalog &C) {
  std::string Out = "fingerprint,state,rule,severity,cwe,iso27001_primary,iso27001_related,"
                    "file,line,column,message\r\n";
  for (const Finding &F : R.Findings) {
    const Rule *Ru = F.Tool == "vibeguard" ? C.findRule(F.Rule) : nullptr;
    Out += llvm::join(std::vector<std::string>{
                          csvField(F.Fingerprint), csvField(F.State), csvField(ruleLabel(F)),
                          csvField(F.Severity), csvField(cweList(F.CWE)),
                          csvField(llvm::join(F.Controls, " ")),
                          csvField(Ru ? controls(Ru->RelatedControls) : ""),
                          csvField(relativePath(F.Where.File, R.SourceRoot)),
                          std::to_string(F.Where.Line), std::to_string(F.Where.Column),
                          csvField(F.Message)},
                      ",") +
           "\r\n";
  }
  return Out;
}

namespace {
/// The patterns of each NOLINT's check list (a bare NOLINT has none), compiled once.
std::vector<std::vector<llvm::GlobPattern>> suppressionPatterns(const ScanResult &R) {
  std::vector<std::vector<llvm::GlobPattern>> Out;
  for (const Suppression &S : R.Suppressions) {
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    llvm::StringRef(S.Checks).split(Globs, ',', -1, /*KeepEmpty=*/false);
    Out.emplace_back();
    for (llvm::StringRef G : Globs) {
      llvm::Expected<llvm::GlobPattern> Pat = llvm::GlobPattern::create(G.trim());
      if (Pat)
        Out.back().push_back(std::move(*Pat));
      else
        llvm::consumeError(Pat.takeError());
    }
  }
  return Out;
}

/// The control view (controls -> rules -> findings and NOLINTs, the controls a static
/// scan cannot evidence, triage decisions); toControlJSON and toHTML render it.
llvm::json::Object controlView(const ScanResult &R, const Catalog &C) {
  auto ByControl = findingsByControl(R, C);
  auto Patterns = suppressionPatterns(R);
  llvm::json::Array Controls, NoEvidence;
  for (const Control &Ctl : C.controls()) {
    llvm::json::Array Primary, Related, Findings, Triaged;
    for (const Rule *Ru : C.rulesForControl(Ctl.Id, true))
      Primary.push_back(Ru->Id);
    for (const Rule *Ru : C.rulesForControl(Ctl.Id, false))
      Related.push_back(Ru->Id);
    bool HasFindings = ByControl.count(Ctl.Id) != 0;
    if (Primary.empty() && Related.empty() && !HasFindings) {
      NoEvidence.push_back(Ctl.Id);
      continue;
    }
    if (auto It = ByControl.find(Ctl.Id); It != ByControl.end())
      for (const Finding *F : It->second)
        (F->State == "open" ? Findings : Triaged)
            .push_back(llvm::json::Object{
                {"fingerprint", F->Fingerprint},
                {"state", F->State},
                {"tool", F->Tool},
                {"rule", F->Rule},
                {"file", relativePath(F->Where.File, R.SourceRoot)},
                {"line", F->Where.Line},
                {"message", F->Message}});
    // NOLINTs that name a rule of this control (a bare NOLINT names none: it is in
    // the inventory, not attributed to a control).
    llvm::json::Array Silenced;
    for (size_t I = 0; I != R.Suppressions.size(); ++I) {
      bool Names = false;
      for (const llvm::GlobPattern &Pat : Patterns[I])
        for (bool IsPrimary : {true, false})
          for (const Rule *Ru : C.rulesForControl(Ctl.Id, IsPrimary))
            Names |= Pat.match(Ru->Id);
      if (Names)
        Silenced.push_back(suppressionJSON(R.Suppressions[I], R.SourceRoot));
    }
    Controls.push_back(llvm::json::Object{{"id", Ctl.Id},
                                          {"title", Ctl.Title},
                                          {"primaryRules", std::move(Primary)},
                                          {"relatedRules", std::move(Related)},
                                          {"openFindings", std::move(Findings)},
                                          {"triagedFindings", std::move(Triaged)},
                                          {"suppressed", std::move(Silenced)}});
  }
  llvm::json::Array Sups;
  for (const Suppression &S : R.Suppressions)
    Sups.push_back(suppressionJSON(S, R.SourceRoot));
  llvm::json::Array Decisions;
  for (const Finding &F : R.Findings)
    if (F.State != "open")
      Decisions.push_back(llvm::json::Object{{"fingerprint", F.Fingerprint},
                                             {"rule", F.Rule},
                                             {"state", F.State}});
  return llvm::json::Object{
      {"standard", "ISO/IEC 27001:2022 Annex A"},
      {"suppressions", std::move(Sups)},
      {"unmappedFindings",
       static_cast<int64_t>(llvm::count_if(R.Findings, [](const Finding &F) { return F.Unmapped; }))},
      {"defaultControlsForUnmappedCwe", [&] {
         llvm::json::Array A;
         for (const std::string &D : C.cweMap().Default)
           A.push_back(D);
         return A;
       }()},
      {"triageDecisions", std::move(Decisions)},
      {"controls", std::move(Controls)},
      {"controlsWithoutStaticEvidence", std::move(NoEvidence)},
      {"note", "A static scan of source code gives evidence only for the controls listed "
               "under 'controls'; the others need organisational, people or physical "
               "evidence."}};
}
} // namespace

std::string report::toControlJSON(const ScanResult &R, const Catalog &C) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(controlView(R, C))) << "\n";
  return Out;
}

namespace {
/// JSON that can sit inside <script type="application/json">: no '<', '>' or '&' that
/// could close the element or start markup, no U+2028/U+2029.
std::string scriptSafe(llvm::StringRef JSON) {
  std::string Out;
  Out.reserve(JSON.size());
  for (size_t I = 0; I < JSON.size(); ++I) {
    char C = JSON[I];
    if (C == '<')
      Out += "\\u003c";
    else if (C == '>')
      Out += "\\u003e";
    else if (C == '&')
      Out += "\\u0026";
    else if (JSON.substr(I).starts_with("\xe2\x80\xa8") || JSON.substr(I).starts_with("\xe2\x80\xa9")) {
      Out += JSON[I + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      I += 2;
    } else
      Out += C;
  }
  return Out;
}
} // namespace

std::string report::toHTML(const ScanResult &R, const Catalog &C) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings) {
    llvm::json::Array Trace;
    for (const Location &N : F.Notes)
      Trace.push_back(llvm::json::Object{{"file", relativePath(N.File, R.SourceRoot)},
                                         {"line", N.Line},
                                         {"message", N.Message}});
    llvm::json::Array Controls;
    for (const std::string &Ctl : F.Controls)
      Controls.push_back(Ctl);
    Findings.push_back(llvm::json::Object{{"fingerprint", F.Fingerprint},
                                          {"rule", ruleLabel(F)},
                                          {"severity", F.Severity},
                                          {"state", F.State},
                                          {"cwe", cweList(F.CWE)},
                                          {"file", relativePath(F.Where.File, R.SourceRoot)},
                                          {"line", F.Where.Line},
                                          {"message", F.Message},
                                          {"snippet", F.Where.Snippet},
                                          {"controls", std::move(Controls)},
                                          {"trace", std::move(Trace)}});
  }
  // The control view's structure (controls, their rules, non-evidenced controls and
  // suppressions); the page lists each finding once (below) and counts per control.
  llvm::json::Object Data = controlView(R, C);
  if (llvm::json::Array *Controls = Data.getArray("controls"))
    for (llvm::json::Value &V : *Controls)
      if (llvm::json::Object *Ctl = V.getAsObject()) {
        Ctl->erase("openFindings");
        Ctl->erase("triagedFindings");
      }
  Data["sourceRoot"] = R.SourceRoot;
  Data["findings"] = std::move(Findings);
  std::string JSON;
  llvm::raw_string_ostream OS(JSON);
  OS << llvm::json::Value(std::move(Data));
  llvm::StringRef Template = embedded::reportHTML();
  auto [Before, After] = Template.split("@DATA@");
  return (Before + scriptSafe(JSON) + After).str();
}

std::string report::toGitLabSast(const ScanResult &R, const Catalog &C, llvm::StringRef Start,
                                 llvm::StringRef End) {
  llvm::json::Object Tool{{"id", "vibeguard"},
                          {"name", "vibeguard"},
                          {"version", VIBEGUARD_VERSION},
                          {"vendor", llvm::json::Object{{"name", "vibeguard"}}}};
  llvm::json::Array Vulns, Messages;
  for (const Finding &F : R.Findings) {
    // GitLab locates findings by repository-relative path; one outside the source root
    // (a system or third-party header) is named in the scan messages instead.
    std::string File = relativePath(F.Where.File, R.SourceRoot);
    if (llvm::sys::path::is_absolute(File)) {
      Messages.push_back(llvm::json::Object{
          {"level", "warn"},
          {"value", F.Rule + " at " + File + ":" + std::to_string(F.Where.Line) +
                        " is outside the source root and not listed: " + F.Message}});
      continue;
    }
    const Rule *Ru = F.Tool == "vibeguard" ? C.findRule(F.Rule) : nullptr;
    std::string Severity = Ru ? Ru->Severity : F.Severity;
    Severity = Severity == "critical" ? "Critical"
               : Severity == "high"   ? "High"
               : Severity == "medium" ? "Medium"
               : Severity == "low"    ? "Low"
                                      : "Unknown";
    llvm::json::Array Ids{llvm::json::Object{{"type", "vibeguard_rule_id"},
                                             {"name", ruleLabel(F)},
                                             {"value", F.Rule}}};
    for (unsigned N : Ru ? Ru->CWE : F.CWE)
      Ids.push_back(llvm::json::Object{
          {"type", "cwe"},
          {"name", "CWE-" + std::to_string(N)},
          {"value", std::to_string(N)},
          {"url", "https://cwe.mitre.org/data/definitions/" + std::to_string(N) + ".html"}});
    std::vector<std::string> Ctl;
    if (Ru)
      for (const ControlRef &Ref : Ru->PrimaryControls)
        Ctl.push_back(Ref.Control);
    else
      Ctl = F.Controls;
    std::string Description = F.Message;
    if (!Ctl.empty())
      Description += "\n\nISO/IEC 27001:2022: " + llvm::join(Ctl, ", ") + ".";
    // A UUID-shaped id from the fingerprint: the same finding keeps its id.
    std::string Hex = F.Fingerprint;
    Hex.resize(32, '0');
    std::string Id = Hex.substr(0, 8) + "-" + Hex.substr(8, 4) + "-" + Hex.substr(12, 4) + "-" +
                     Hex.substr(16, 4) + "-" + Hex.substr(20, 12);
    llvm::json::Object V{{"id", Id},
                         {"name", Ru ? Ru->Title : ruleLabel(F)},
                         {"description", Description},
                         {"severity", Severity},
                         {"location", llvm::json::Object{
                                          {"file", File},
                                          {"start_line", F.Where.Line},
                                          {"end_line", F.Where.Line}}},
                         {"identifiers", std::move(Ids)}};
    if (Ru && !Ru->Remediation.empty())
      V["solution"] = Ru->Remediation;
    Vulns.push_back(std::move(V));
  }
  for (const Failure &F : R.Failures)
    Messages.push_back(llvm::json::Object{
        {"level", "warn"},
        {"value", relativePath(F.File, R.SourceRoot) + ": could not analyse: " + F.Reason}});
  llvm::json::Object Scan{{"analyzer", llvm::json::Object(Tool)},
                          {"scanner", std::move(Tool)},
                          {"type", "sast"},
                          {"start_time", Start},
                          {"end_time", End},
                          {"status", "success"},
                          {"messages", std::move(Messages)}};
  llvm::json::Object Report{
      {"version", "15.0.7"},
      {"schema", "https://gitlab.com/gitlab-org/security-products/security-report-schemas/"
                 "-/raw/v15.0.7/dist/sast-report-format.json"},
      {"scan", std::move(Scan)},
      {"vulnerabilities", std::move(Vulns)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Report))) << "\n";
  return Out;
}
