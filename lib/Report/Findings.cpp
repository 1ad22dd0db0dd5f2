//===- Findings.cpp - Ordering, fingerprints and the SARIF/JSON/text forms ----===//
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Report/Findings.h"
#include "vibeguard/Config.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <set>

using namespace vibeguard;
using namespace vibeguard::report;

std::string report::relativePath(llvm::StringRef File, llvm::StringRef Root) {
  llvm::SmallString<256> R(Root);
  if (!R.empty() && !llvm::sys::path::is_separator(R.back()))
    R += '/';
  llvm::StringRef F = File;
  if (!R.empty() && F.starts_with(R))
    F = F.drop_front(R.size());
  std::string Out = F.str();
  std::replace(Out.begin(), Out.end(), '\\', '/');
  return Out;
}

llvm::json::Object report::suppressionJSON(const Suppression &S, llvm::StringRef Root) {
  return llvm::json::Object{{"file", relativePath(S.File, Root)},
                            {"line", S.Line},
                            {"kind", S.Kind},
                            {"checks", S.Checks},
                            {"justification", S.Justification}};
}

void report::append(ScanResult &Into, ScanResult &&From) {
  auto Move = [](auto &To, auto &Src) {
    To.insert(To.end(), std::make_move_iterator(Src.begin()), std::make_move_iterator(Src.end()));
    Src.clear();
  };
  Move(Into.Findings, From.Findings);
  Move(Into.Failures, From.Failures);
  Move(Into.ConfigWarnings, From.ConfigWarnings);
  Move(Into.Suppressions, From.Suppressions);
  Move(Into.Taint, From.Taint);
}

llvm::Expected<TaintUnit> report::readTaintUnit(llvm::StringRef Text, llvm::StringRef File,
                                                llvm::StringRef What, llvm::StringRef Digest) {
  TaintUnit U;
  U.File = File.str();
  U.Digest = !Digest.empty() ? Digest.upper()
                             : llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text)));
  llvm::json::Object Rest;
  if (llvm::Error E = taint::summariesFromText(Text, What, U.Summaries, &Rest, &U.Functions))
    return std::move(E);
  const llvm::json::Object *Rules = Rest.getObject("rules");
  if (!Rules)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s: malformed taint summary: no rules", What.str().c_str());
  for (const auto &[Name, Opts] : *Rules) {
    const llvm::json::Object *OO = Opts.getAsObject();
    if (!OO)
      continue;
    taint::RuleOptions RO;
    if (const llvm::json::Array *K = OO->getArray("sourceKinds"))
      for (const llvm::json::Value &V : *K)
        if (auto S = V.getAsString())
          RO.SourceKinds.push_back(S->str());
    RO.ReportUserRoleMessages = OO->getBoolean("reportUserRoleMessages").value_or(false);
    U.Rules.emplace_back(Name.str(), std::move(RO));
  }
  llvm::sort(U.Rules, [](const auto &A, const auto &B) { return A.first < B.first; });
  return std::move(U);
}

llvm::json::Object report::taintUnitJSON(const TaintUnit &U) {
  llvm::json::Object O = taint::toJSON(U.Summaries, U.Functions);
  llvm::json::Object Rules;
  for (const auto &[Name, RO] : U.Rules) {
    llvm::json::Array Kinds;
    for (const std::string &K : RO.SourceKinds)
      Kinds.push_back(K);
    Rules[Name] = llvm::json::Object{{"sourceKinds", std::move(Kinds)},
                                     {"reportUserRoleMessages", RO.ReportUserRoleMessages}};
  }
  O["rules"] = std::move(Rules);
  return O;
}

namespace {
/// The text of line \p Line of \p File, whitespace folded ("" if unreadable).
std::string lineText(llvm::StringRef File, unsigned Line) {
  static llvm::StringMap<std::vector<std::string>> Cache;
  auto It = Cache.find(File);
  if (It == Cache.end()) {
    std::vector<std::string> Lines;
    if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
      llvm::SmallVector<llvm::StringRef, 0> Parts;
      (*Buf)->getBuffer().split(Parts, '\n');
      for (llvm::StringRef P : Parts)
        Lines.push_back(P.str());
    }
    It = Cache.insert({File, std::move(Lines)}).first;
  }
  if (Line == 0 || Line > It->second.size())
    return "";
  llvm::SmallVector<llvm::StringRef, 8> Words;
  llvm::SplitString(It->second[Line - 1], Words);
  return llvm::join(Words, " ");
}

/// Rules whose flagged line can hold the secret itself (a key, a password, a constant
/// IV): reports never quote that line, so they never spread the secret further.
bool mayHoldSecret(llvm::StringRef Rule) {
  const vibeguard::Rule *R = Catalog::builtin().findRule(Rule);
  return R && R->LineMayHoldSecret;
}

std::string snippetOf(std::string Line) {
  constexpr size_t Max = 240;
  if (Line.size() <= Max)
    return Line;
  size_t Cut = Max;
  while (Cut > 0 && (static_cast<unsigned char>(Line[Cut]) & 0xC0) == 0x80)
    --Cut; // not inside a UTF-8 sequence
  return Line.substr(0, Cut) + "...";
}

auto sortKey(const Finding &F, llvm::StringRef Root) {
  return std::make_tuple(relativePath(F.Where.File, Root), F.Where.Line, F.Where.Column,
                         F.Rule, F.Message);
}
} // namespace

std::vector<Suppression> report::findSuppressions(llvm::StringRef Text, llvm::StringRef File,
                                                  bool WithEnds) {
  std::vector<Suppression> Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I != Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    size_t At = L.find("NOLINT");
    if (At == llvm::StringRef::npos)
      continue;
    llvm::StringRef Rest = L.drop_front(At);
    llvm::StringRef Kind = Rest.starts_with("NOLINTNEXTLINE") ? "NOLINTNEXTLINE"
                           : Rest.starts_with("NOLINTBEGIN")  ? "NOLINTBEGIN"
                           : Rest.starts_with("NOLINTEND")    ? "NOLINTEND"
                                                              : "NOLINT";
    if (Kind == "NOLINTEND" && !WithEnds)
      continue; // the BEGIN is the decision
    Rest = Rest.drop_front(Kind.size());
    std::string Checks;
    if (Rest.consume_front("(")) {
      size_t Close = Rest.find(')');
      if (Close == llvm::StringRef::npos)
        continue;
      Checks = Rest.take_front(Close).trim().str();
      Rest = Rest.drop_front(Close + 1);
    }
    // A bare NOLINT silences every check; a list counts when a glob reaches vibeguard.
    bool Reaches = Checks.empty();
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    llvm::StringRef(Checks).split(Globs, ',');
    for (llvm::StringRef G : Globs) {
      G = G.trim();
      Reaches |= G == "*" || G.starts_with("vibeguard");
    }
    if (!Reaches)
      continue;
    llvm::StringRef Why = Rest.trim().ltrim(":-").trim();
    if (Why.ends_with("*/"))
      Why = Why.drop_back(2).trim();
    Out.push_back({File.str(), static_cast<unsigned>(I + 1), Kind.str(), Checks,
                   Why.empty() ? "none given" : Why.str()});
  }
  return Out;
}

void report::finalize(ScanResult &R) {
  llvm::sort(R.ConfigWarnings);
  R.ConfigWarnings.erase(std::unique(R.ConfigWarnings.begin(), R.ConfigWarnings.end()),
                         R.ConfigWarnings.end());
  std::sort(R.Findings.begin(), R.Findings.end(), [&](const Finding &A, const Finding &B) {
    return sortKey(A, R.SourceRoot) < sortKey(B, R.SourceRoot);
  });
  R.Findings.erase(std::unique(R.Findings.begin(), R.Findings.end(),
                               [&](const Finding &A, const Finding &B) {
                                 return sortKey(A, R.SourceRoot) == sortKey(B, R.SourceRoot);
                               }),
                   R.Findings.end());
  // The n-th finding of a rule on the same text in the same file: stable when lines
  // move, distinct when the same line appears twice.
  std::map<std::string, unsigned> Occurrence;
  // Lines a secret-class rule flagged: no finding quotes them, whatever its rule.
  std::set<std::pair<std::string, unsigned>> SecretLines;
  for (const Finding &F : R.Findings)
    if (mayHoldSecret(F.Rule))
      SecretLines.insert({F.Where.File, F.Where.Line});
  for (Finding &F : R.Findings) {
    std::string Base = F.Rule + '\0' + relativePath(F.Where.File, R.SourceRoot) + '\0' +
                       lineText(F.Where.File, F.Where.Line);
    unsigned N = Occurrence[Base]++;
    std::string Key = Base + '\0' + std::to_string(N);
    auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
    F.Fingerprint = llvm::toHex(llvm::ArrayRef(Hash).take_front(16), /*LowerCase=*/true);
    // Only our own findings get a snippet from the file; another tool's keeps what it
    // reported (a secrets scanner may have redacted its line on purpose).
    if (SecretLines.count({F.Where.File, F.Where.Line}))
      F.Where.Snippet.clear();
    else if (F.Where.Snippet.empty() && F.Tool == "vibeguard")
      F.Where.Snippet = snippetOf(lineText(F.Where.File, F.Where.Line));
  }
  std::sort(R.Failures.begin(), R.Failures.end(), [](const Failure &A, const Failure &B) {
    return std::tie(A.File, A.Reason) < std::tie(B.File, B.Reason);
  });
  auto SupKey = [](const Suppression &S) { return std::tie(S.File, S.Line, S.Kind); };
  std::sort(R.Suppressions.begin(), R.Suppressions.end(),
            [&](const Suppression &A, const Suppression &B) { return SupKey(A) < SupKey(B); });
  R.Suppressions.erase(std::unique(R.Suppressions.begin(), R.Suppressions.end(),
                                   [&](const Suppression &A, const Suppression &B) {
                                     return SupKey(A) == SupKey(B);
                                   }),
                       R.Suppressions.end());
}

namespace {
llvm::StringRef sarifLevel(llvm::StringRef Severity) {
  if (Severity == "critical" || Severity == "high")
    return "error";
  if (Severity == "medium")
    return "warning";
  return "note";
}

llvm::json::Object text(const llvm::Twine &T) { return llvm::json::Object{{"text", T.str()}}; }

llvm::json::Object physicalLocation(const Location &L, llvm::StringRef Root) {
  llvm::json::Object Region{{"startLine", L.Line}};
  if (L.Column)
    Region["startColumn"] = L.Column;
  if (!L.Snippet.empty())
    Region["snippet"] = text(L.Snippet);
  return llvm::json::Object{
      {"artifactLocation",
       llvm::json::Object{{"uri", relativePath(L.File, Root)}, {"uriBaseId", "SRCROOT"}}},
      {"region", std::move(Region)}};
}

std::string fileUri(llvm::StringRef Dir) {
  std::string U = "file://" + Dir.str();
  if (!U.empty() && U.back() != '/')
    U += '/';
  return U;
}

/// The taxonomies rules relate to: CWE, OWASP Top 10:2021 and LLM 2025, ISO/IEC
/// 27001:2022 Annex A. Taxa are those the rules name, in a fixed order.
struct Taxonomies {
  std::vector<std::string> CWE, Owasp, Iso;
  std::map<std::string, std::string> IsoTitles;
};
} // namespace

std::string report::toSarif(const ScanResult &R, const Catalog &C) {
  // Rules that appear, plus every catalog rule (code scanning lists rules that ran).
  const std::vector<Rule> &Rules = C.rules();
  std::map<std::string, size_t> RuleIndex;
  for (size_t I = 0; I != Rules.size(); ++I)
    RuleIndex[Rules[I].Id] = I;

  Taxonomies Tax;
  std::set<std::string> CWE, Owasp, Iso;
  for (const Rule &Ru : Rules) {
    for (unsigned N : Ru.CWE)
      CWE.insert(std::to_string(N));
    for (const std::string &O : Ru.Owasp)
      Owasp.insert(O);
    for (const std::string &O : Ru.OwaspLLM)
      Owasp.insert(O);
    for (const auto *Refs : {&Ru.PrimaryControls, &Ru.RelatedControls})
      for (const ControlRef &Ref : *Refs)
        Iso.insert(Ref.Control);
  }
  Tax.CWE.assign(CWE.begin(), CWE.end());
  std::sort(Tax.CWE.begin(), Tax.CWE.end(), [](const std::string &A, const std::string &B) {
    return std::stoul(A) < std::stoul(B);
  });
  Tax.Owasp.assign(Owasp.begin(), Owasp.end());
  for (const Control &Ctl : C.controls()) // Annex A order
    if (Iso.count(Ctl.Id))
      Tax.Iso.push_back(Ctl.Id), Tax.IsoTitles[Ctl.Id] = Ctl.Title;
  auto IndexOf = [](const std::vector<std::string> &V, const std::string &X) {
    return static_cast<int64_t>(std::find(V.begin(), V.end(), X) - V.begin());
  };

  llvm::json::Array RuleObjs;
  for (const Rule &Ru : Rules) {
    llvm::json::Array Tags{"security"};
    llvm::json::Array Rel;
    for (unsigned N : Ru.CWE) {
      std::string Id = std::to_string(N);
      Tags.push_back("external/cwe/cwe-" + Id);
      Rel.push_back(llvm::json::Object{
          {"target", llvm::json::Object{{"id", Id},
                                        {"index", IndexOf(Tax.CWE, Id)},
                                        {"toolComponent", llvm::json::Object{{"name", "CWE"},
                                                                             {"index", 0}}}}},
          {"kinds", llvm::json::Array{"superset"}}});
    }
    for (const std::string *O : [&] {
           std::vector<const std::string *> V;
           for (const std::string &S : Ru.Owasp)
             V.push_back(&S);
           for (const std::string &S : Ru.OwaspLLM)
             V.push_back(&S);
           return V;
         }())
      Rel.push_back(llvm::json::Object{
          {"target", llvm::json::Object{{"id", *O},
                                        {"index", IndexOf(Tax.Owasp, *O)},
                                        {"toolComponent", llvm::json::Object{{"name", "OWASP"},
                                                                             {"index", 1}}}}},
          {"kinds", llvm::json::Array{"superset"}}});
    for (const auto *Refs : {&Ru.PrimaryControls, &Ru.RelatedControls})
      for (const ControlRef &Ref : *Refs)
        Rel.push_back(llvm::json::Object{
            {"target",
             llvm::json::Object{{"id", Ref.Control},
                                {"index", IndexOf(Tax.Iso, Ref.Control)},
                                {"toolComponent", llvm::json::Object{{"name", "ISO27001"},
                                                                     {"index", 2}}}}},
            {"kinds", llvm::json::Array{Refs == &Ru.PrimaryControls ? "superset"
                                                                     : "relevant"}},
            {"properties", llvm::json::Object{{"rationale", Ref.Rationale}}}});
    llvm::StringRef Short = llvm::StringRef(Ru.Id).drop_front(strlen("vibeguard-"));
    Short.consume_front(Ru.Family + "-");
    std::string HelpUri =
        R.DocsBaseUri + Ru.Family + "/" + Short.str() + ".md";
    RuleObjs.push_back(llvm::json::Object{
        {"id", Ru.Id},
        {"name", Ru.Title},
        {"shortDescription", text(Ru.Title)},
        {"fullDescription", text(Ru.Summary)},
        {"help", llvm::json::Object{{"text", Ru.Remediation},
                                    {"markdown", "**" + Ru.Title + "**\n\n" + Ru.Summary +
                                                     "\n\n" + Ru.Remediation}}},
        {"helpUri", HelpUri},
        {"defaultConfiguration", llvm::json::Object{{"level", sarifLevel(Ru.Severity)}}},
        {"properties", llvm::json::Object{{"tags", std::move(Tags)},
                                          {"security-severity", Ru.securitySeverity()},
                                          {"precision", Ru.Precision},
                                          {"problem.severity", sarifLevel(Ru.Severity) == "note"
                                                                   ? "recommendation"
                                                                   : sarifLevel(Ru.Severity)}}},
        {"relationships", std::move(Rel)}});
  }

  auto Taxa = [](const std::vector<std::string> &Ids, auto Name) {
    llvm::json::Array A;
    for (const std::string &Id : Ids)
      A.push_back(llvm::json::Object{{"id", Id}, {"name", Name(Id)}});
    return A;
  };
  llvm::json::Array Taxonomies{
      llvm::json::Object{
          {"name", "CWE"},
          {"organization", "MITRE"},
          {"informationUri", "https://cwe.mitre.org/"},
          {"shortDescription", text("The MITRE Common Weakness Enumeration")},
          {"taxa", Taxa(Tax.CWE, [](const std::string &Id) { return "CWE-" + Id; })}},
      llvm::json::Object{
          {"name", "OWASP"},
          {"organization", "OWASP Foundation"},
          {"informationUri", "https://owasp.org/Top10/"},
          {"shortDescription",
           text("OWASP Top 10:2021 and OWASP Top 10 for LLM Applications 2025")},
          {"taxa", Taxa(Tax.Owasp, [](const std::string &Id) { return Id; })}},
      llvm::json::Object{
          {"name", "ISO27001"},
          {"organization", "ISO/IEC"},
          {"informationUri", "https://www.iso.org/standard/27001"},
          {"shortDescription", text("ISO/IEC 27001:2022 Annex A information security controls")},
          {"taxa", Taxa(Tax.Iso, [&](const std::string &Id) {
             return Id + " " + Tax.IsoTitles[Id];
           })}}};

  llvm::json::Array Results;
  for (const Finding &F : R.Findings) {
    auto It = RuleIndex.find(F.Rule);
    if (It == RuleIndex.end())
      continue; // a check without a catalog entry is a build error; be safe
    const Rule &Ru = Rules[It->second];
    llvm::json::Array Related;
    int64_t Id = 1;
    for (const Location &N : F.Notes)
      Related.push_back(llvm::json::Object{{"id", Id++},
                                           {"physicalLocation", physicalLocation(N, R.SourceRoot)},
                                           {"message", text(N.Message)}});
    llvm::json::Object Res{
        {"ruleId", F.Rule},
        {"ruleIndex", static_cast<int64_t>(It->second)},
        {"level", sarifLevel(Ru.Severity)},
        {"message", text(F.Message)},
        {"locations",
         llvm::json::Array{llvm::json::Object{
             {"physicalLocation", physicalLocation(F.Where, R.SourceRoot)}}}},
        {"partialFingerprints", llvm::json::Object{{"vibeguard/v1", F.Fingerprint}}}};
    if (!Related.empty())
      Res["relatedLocations"] = std::move(Related);
    // A taint finding's trace is a code flow: source, steps, then the sink itself.
    if (!F.Notes.empty() && (llvm::StringRef(F.Rule).starts_with("vibeguard-injection-") ||
                             llvm::StringRef(F.Rule).starts_with("vibeguard-llm-"))) {
      llvm::json::Array Steps;
      auto Add = [&](const Location &L, llvm::StringRef Msg) {
        Steps.push_back(llvm::json::Object{
            {"location", llvm::json::Object{{"physicalLocation", physicalLocation(L, R.SourceRoot)},
                                            {"message", text(Msg)}}}});
      };
      for (const Location &N : F.Notes)
        Add(N, N.Message);
      Add(F.Where, F.Message);
      Res["codeFlows"] = llvm::json::Array{llvm::json::Object{
          {"threadFlows", llvm::json::Array{llvm::json::Object{{"locations", std::move(Steps)}}}}}};
    }
    Results.push_back(std::move(Res));
  }

  llvm::json::Array Notifications;
  for (const Failure &F : R.Failures)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", text("could not analyse " + relativePath(F.File, R.SourceRoot) + ": " +
                         F.Reason)},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation",
                           llvm::json::Object{{"artifactLocation",
                                               llvm::json::Object{
                                                   {"uri", relativePath(F.File, R.SourceRoot)},
                                                   {"uriBaseId", "SRCROOT"}}}}}}}}});
  for (const std::string &S : R.Skipped)
    Notifications.push_back(llvm::json::Object{
        {"level", "warning"}, {"message", text("skipped compile command " + S)}});

  llvm::json::Object Invocation{{"executionSuccessful", R.Failures.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  llvm::json::Array ConfigNotes;
  for (const std::string &W : R.ConfigWarnings)
    ConfigNotes.push_back(llvm::json::Object{{"level", "warning"}, {"message", text(W)}});
  if (!ConfigNotes.empty())
    Invocation["toolConfigurationNotifications"] = std::move(ConfigNotes);

  llvm::json::Object Run{
      {"tool",
       llvm::json::Object{
           {"driver",
            llvm::json::Object{
                {"name", "vibeguard"},
                {"semanticVersion", VIBEGUARD_VERSION},
                {"version", VIBEGUARD_VERSION},
                {"informationUri", R.DocsBaseUri},
                {"rules", std::move(RuleObjs)},
                {"supportedTaxonomies",
                 llvm::json::Array{llvm::json::Object{{"name", "CWE"}, {"index", 0}},
                                   llvm::json::Object{{"name", "OWASP"}, {"index", 1}},
                                   llvm::json::Object{{"name", "ISO27001"}, {"index", 2}}}}}}}},
      {"taxonomies", std::move(Taxonomies)},
      {"originalUriBaseIds",
       llvm::json::Object{{"SRCROOT", llvm::json::Object{{"uri", fileUri(R.SourceRoot)}}}}},
      {"invocations", llvm::json::Array{std::move(Invocation)}},
      {"results", std::move(Results)}};
  llvm::json::Array Sups;
  for (const Suppression &S : R.Suppressions)
    Sups.push_back(suppressionJSON(S, R.SourceRoot));
  llvm::json::Object Props{{"vibeguardSuppressions", std::move(Sups)}};
  if (R.EmbedTaint) {
    llvm::json::Array Units;
    for (const TaintUnit &U : R.Taint)
      Units.push_back(llvm::json::Object{
          {"file", U.File}, {"digest", U.Digest}, {"taint", taintUnitJSON(U)}});
    Props["vibeguardTaint"] = llvm::json::Object{{"headerFilter", R.TaintHeaderFilter},
                                                 {"units", std::move(Units)}};
  }
  Run["properties"] = std::move(Props);
  llvm::json::Array Runs{std::move(Run)};
  // Other tools' findings (vibeguard report over their SARIF) keep a run per tool, so
  // the evidence pack's SARIF holds everything the report shows; reading it back maps
  // them through their CWE tags again.
  std::vector<std::string> Tools;
  for (const Finding &F : R.Findings)
    if (F.Tool != "vibeguard" && !llvm::is_contained(Tools, F.Tool))
      Tools.push_back(F.Tool);
  for (const std::string &ToolName : Tools) {
    std::vector<std::string> RuleIds;
    llvm::json::Array ForeignRules, ForeignResults;
    auto WhereOf = [&](const Location &L) {
      std::string Rel = relativePath(L.File, R.SourceRoot);
      llvm::json::Object Art{{"uri", Rel}};
      if (llvm::sys::path::is_absolute(Rel))
        Art["uri"] = "file://" + Rel;
      else
        Art["uriBaseId"] = "SRCROOT";
      llvm::json::Object Phys{{"artifactLocation", std::move(Art)}};
      if (L.Line) { // a finding without a line keeps none (and its fingerprint)
        llvm::json::Object Region{{"startLine", L.Line}};
        if (L.Column)
          Region["startColumn"] = L.Column;
        if (!L.Snippet.empty())
          Region["snippet"] = text(L.Snippet);
        Phys["region"] = std::move(Region);
      }
      return Phys;
    };
    for (const Finding &F : R.Findings) {
      if (F.Tool != ToolName)
        continue;
      auto It = llvm::find(RuleIds, F.Rule);
      size_t Index = It - RuleIds.begin();
      if (It == RuleIds.end()) {
        RuleIds.push_back(F.Rule);
        llvm::json::Array Tags;
        for (unsigned N : F.CWE)
          Tags.push_back("external/cwe/cwe-" + std::to_string(N));
        std::vector<std::string> CWEs;
        for (unsigned N : F.CWE)
          CWEs.push_back("CWE-" + std::to_string(N));
        std::string Short = ToolName + " rule " + F.Rule;
        ForeignRules.push_back(llvm::json::Object{
            {"id", F.Rule},
            {"shortDescription", text(Short)},
            {"fullDescription",
             text(Short + (CWEs.empty() ? std::string(" (no CWE given)")
                                        : " (" + llvm::join(CWEs, ", ") + ")"))},
            {"help", text("Reported by " + ToolName + " and carried into vibeguard's report; "
                          "see " + ToolName + "'s documentation of " + F.Rule + ".")},
            {"properties", llvm::json::Object{{"tags", std::move(Tags)}}}});
      }
      llvm::json::Array Related;
      int64_t Id = 1;
      for (const Location &N : F.Notes)
        Related.push_back(llvm::json::Object{{"id", Id++},
                                             {"physicalLocation", WhereOf(N)},
                                             {"message", text(N.Message)}});
      llvm::json::Object Res{
          {"ruleId", F.Rule},
          {"ruleIndex", static_cast<int64_t>(Index)},
          {"level", sarifLevel(F.Severity)},
          {"message", text(F.Message)},
          {"locations",
           llvm::json::Array{llvm::json::Object{{"physicalLocation", WhereOf(F.Where)}}}},
          // Per result: two findings of one rule can differ in severity.
          {"properties",
           llvm::json::Object{{"security-severity", securitySeverityOf(F.Severity)}}}};
      if (!Related.empty())
        Res["relatedLocations"] = std::move(Related);
      ForeignResults.push_back(std::move(Res));
    }
    Runs.push_back(llvm::json::Object{
        {"tool", llvm::json::Object{{"driver", llvm::json::Object{
                                                   {"name", ToolName},
                                                   {"rules", std::move(ForeignRules)}}}}},
        {"originalUriBaseIds",
         llvm::json::Object{{"SRCROOT", llvm::json::Object{{"uri", fileUri(R.SourceRoot)}}}}},
        {"results", std::move(ForeignResults)}});
  }
  llvm::json::Object Log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                         {"version", "2.1.0"},
                         {"runs", std::move(Runs)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
  return Out;
}

std::string report::toJSON(const ScanResult &R) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(llvm::json::Object{{"rule", F.Rule},
                                          {"message", F.Message},
                                          {"file", relativePath(F.Where.File, R.SourceRoot)},
                                          {"line", F.Where.Line},
                                          {"column", F.Where.Column},
                                          {"fingerprint", F.Fingerprint}});
  llvm::json::Array Failures;
  for (const Failure &F : R.Failures)
    Failures.push_back(llvm::json::Object{{"file", relativePath(F.File, R.SourceRoot)},
                                          {"reason", F.Reason}});
  llvm::json::Object O{{"translationUnits", R.TranslationUnits},
                       {"findings", std::move(Findings)},
                       {"failures", std::move(Failures)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(O))) << "\n";
  return Out;
}

std::string report::toText(const ScanResult &R) {
  std::string Out;
  for (const Finding &F : R.Findings) {
    Out += relativePath(F.Where.File, R.SourceRoot) + ":" + std::to_string(F.Where.Line) +
           ":" + std::to_string(F.Where.Column) + ": warning: " + F.Message + " [" + F.Rule +
           "]\n";
    for (const Location &N : F.Notes)
      Out += relativePath(N.File, R.SourceRoot) + ":" + std::to_string(N.Line) + ":" +
             std::to_string(N.Column) + ": note: " + N.Message + "\n";
  }
  for (const Failure &F : R.Failures)
    Out += relativePath(F.File, R.SourceRoot) + ": error: could not analyse: " + F.Reason +
           "\n";
  return Out;
}

namespace {
llvm::Error sarifError(llvm::StringRef Path, const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s: %s", Path.str().c_str(),
                                 Msg.str().c_str());
}

std::string joinRoot(llvm::StringRef Root, llvm::StringRef Rel) {
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(P, Rel);
  return std::string(P);
}

std::optional<Location> readLocation(const llvm::json::Object &L, llvm::StringRef Root) {
  const llvm::json::Object *Phys = L.getObject("physicalLocation");
  const llvm::json::Object *Art = Phys ? Phys->getObject("artifactLocation") : nullptr;
  std::optional<llvm::StringRef> Uri = Art ? Art->getString("uri") : std::nullopt;
  if (!Uri)
    return std::nullopt;
  Location Out;
  Out.File = joinRoot(Root, *Uri);
  if (const llvm::json::Object *Region = Phys->getObject("region")) {
    Out.Line = Region->getInteger("startLine").value_or(0);
    Out.Column = Region->getInteger("startColumn").value_or(0);
    if (const llvm::json::Object *Snip = Region->getObject("snippet"))
      Out.Snippet = Snip->getString("text").value_or("").str();
  }
  if (const llvm::json::Object *M = L.getObject("message"))
    Out.Message = M->getString("text").value_or("").str();
  return Out;
}
} // namespace

llvm::Expected<ScanResult> report::readScanSarif(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return sarifError(Path, "cannot read: " + Buf.getError().message());
  return parseScanSarif((*Buf)->getBuffer(), Path);
}

llvm::Expected<ScanResult> report::parseScanSarif(llvm::StringRef Text, llvm::StringRef Path) {
  auto Json = vibeguard::parseJSON(Text);
  if (!Json)
    return sarifError(Path, "invalid JSON: " + llvm::toString(Json.takeError()));
  const llvm::json::Object *Log = Json->getAsObject();
  const llvm::json::Array *Runs = Log ? Log->getArray("runs") : nullptr;
  if (!Runs || Runs->size() != 1 || !(*Runs)[0].getAsObject())
    return sarifError(Path, "not a SARIF log of one vibeguard run");
  const llvm::json::Object &Run = *(*Runs)[0].getAsObject();
  const llvm::json::Object *Tool = Run.getObject("tool");
  const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
  if (!Driver || Driver->getString("name") != llvm::StringRef("vibeguard"))
    return sarifError(Path, "not written by vibeguard scan");
  const llvm::json::Object *Bases = Run.getObject("originalUriBaseIds");
  const llvm::json::Object *SrcRoot = Bases ? Bases->getObject("SRCROOT") : nullptr;
  std::optional<llvm::StringRef> RootUri = SrcRoot ? SrcRoot->getString("uri") : std::nullopt;
  if (!RootUri || !RootUri->starts_with("file://"))
    return sarifError(Path, "has no file:// SRCROOT");

  ScanResult R;
  R.SourceRoot = RootUri->drop_front(strlen("file://")).rtrim('/').str();
  R.DocsBaseUri = Driver->getString("informationUri").value_or("").str();
  if (const llvm::json::Array *Results = Run.getArray("results"))
    for (const llvm::json::Value &V : *Results) {
      const llvm::json::Object *O = V.getAsObject();
      const llvm::json::Array *Locs = O ? O->getArray("locations") : nullptr;
      if (!O || !Locs || Locs->empty() || !(*Locs)[0].getAsObject())
        return sarifError(Path, "a result has no location");
      std::optional<Location> Where = readLocation(*(*Locs)[0].getAsObject(), R.SourceRoot);
      std::optional<llvm::StringRef> Rule = O->getString("ruleId");
      const llvm::json::Object *Msg = O->getObject("message");
      if (!Where || !Rule || !Msg)
        return sarifError(Path, "a result lacks ruleId, message or a file location");
      Finding F{Rule->str(), Msg->getString("text").value_or("").str(), *Where, {}, ""};
      if (const llvm::json::Array *Rel = O->getArray("relatedLocations"))
        for (const llvm::json::Value &RL : *Rel)
          if (const llvm::json::Object *RO = RL.getAsObject())
            if (std::optional<Location> N = readLocation(*RO, R.SourceRoot))
              F.Notes.push_back(*N);
      R.Findings.push_back(std::move(F));
    }
  if (const llvm::json::Object *Props = Run.getObject("properties"))
    if (const llvm::json::Object *T = Props->getObject("vibeguardTaint")) {
      const llvm::json::Array *Units = T->getArray("units");
      if (!Units || !T->getString("headerFilter"))
        return sarifError(Path, "vibeguardTaint lacks its units or header filter");
      R.TaintHeaderFilter = T->getString("headerFilter")->str();
      for (const llvm::json::Value &V : *Units) {
        const llvm::json::Object *U = V.getAsObject();
        if (!U || !U->getString("file") || !U->getObject("taint"))
          return sarifError(Path, "a vibeguardTaint entry lacks its file or taint data");
        auto Unit = readTaintUnit(
            llvm::formatv("{0}", llvm::json::Value(llvm::json::Object(*U->getObject("taint"))))
                .str(),
            *U->getString("file"), Path, U->getString("digest").value_or(""));
        if (!Unit)
          return Unit.takeError();
        R.Taint.push_back(std::move(*Unit));
      }
    }
  if (const llvm::json::Object *Props = Run.getObject("properties"))
    if (const llvm::json::Array *Sups = Props->getArray("vibeguardSuppressions"))
      for (const llvm::json::Value &V : *Sups)
        if (const llvm::json::Object *S = V.getAsObject())
          R.Suppressions.push_back(
              {joinRoot(R.SourceRoot, S->getString("file").value_or("")),
               static_cast<unsigned>(S->getInteger("line").value_or(0)),
               S->getString("kind").value_or("").str(), S->getString("checks").value_or("").str(),
               S->getString("justification").value_or("none given").str()});
  const llvm::json::Array *Invocations = Run.getArray("invocations");
  const llvm::json::Object *Inv =
      Invocations && !Invocations->empty() ? (*Invocations)[0].getAsObject() : nullptr;
  if (const llvm::json::Array *Notes = Inv ? Inv->getArray("toolExecutionNotifications") : nullptr)
    for (const llvm::json::Value &V : *Notes) {
      const llvm::json::Object *N = V.getAsObject();
      const llvm::json::Object *M = N ? N->getObject("message") : nullptr;
      llvm::StringRef Text = M ? M->getString("text").value_or("") : "";
      if (Text.consume_front("skipped compile command ")) {
        R.Skipped.push_back(Text.str());
      } else if (Text.consume_front("could not analyse ")) {
        auto [File, Reason] = Text.split(": ");
        R.Failures.push_back({joinRoot(R.SourceRoot, File), Reason.str()});
      }
    }
  if (const llvm::json::Array *Notes = Inv ? Inv->getArray("toolConfigurationNotifications") : nullptr)
    for (const llvm::json::Value &V : *Notes) {
      const llvm::json::Object *N = V.getAsObject();
      const llvm::json::Object *M = N ? N->getObject("message") : nullptr;
      if (std::optional<llvm::StringRef> T = M ? M->getString("text") : std::nullopt)
        R.ConfigWarnings.push_back(T->str());
    }
  return std::move(R);
}

void report::enrich(ScanResult &R, const Catalog &C) {
  for (Finding &F : R.Findings) {
    if (const Rule *Ru = C.findRule(F.Rule); Ru && F.Tool == "vibeguard") {
      F.Severity = Ru->Severity;
      F.CWE = Ru->CWE;
      F.Controls.clear();
      for (const ControlRef &Ref : Ru->PrimaryControls)
        F.Controls.push_back(Ref.Control);
      continue;
    }
    F.Unmapped = F.CWE.empty();
    F.Controls = C.cweMap().controlsFor(F.CWE);
    if (F.Severity.empty())
      F.Severity = "medium";
  }
}

namespace {
/// CWE ids a foreign rule names: tags "external/cwe/cwe-79", "CWE-79", "cwe:79", or
/// relationships whose target's tool component is CWE.
std::vector<unsigned> ruleCWEs(const llvm::json::Object &Rule) {
  std::vector<unsigned> Out;
  auto Add = [&](llvm::StringRef S) {
    S = S.trim();
    for (llvm::StringRef Prefix : {"external/cwe/cwe-", "CWE-", "cwe-", "CWE:", "cwe:"})
      if (S.consume_front(Prefix))
        break;
    // "CWE-78: Improper Neutralization ..." (Semgrep): the leading digits.
    S = S.take_while(llvm::isDigit);
    unsigned N;
    if (!S.getAsInteger(10, N) && N && !llvm::is_contained(Out, N))
      Out.push_back(N);
  };
  if (const llvm::json::Object *Props = Rule.getObject("properties")) {
    if (const llvm::json::Array *Tags = Props->getArray("tags"))
      for (const llvm::json::Value &T : *Tags)
        if (std::optional<llvm::StringRef> S = T.getAsString())
          if (S->contains_insensitive("cwe"))
            Add(*S);
    if (const llvm::json::Array *Cwe = Props->getArray("cwe"))
      for (const llvm::json::Value &T : *Cwe)
        if (std::optional<llvm::StringRef> S = T.getAsString())
          Add(*S);
  }
  if (const llvm::json::Array *Rel = Rule.getArray("relationships"))
    for (const llvm::json::Value &V : *Rel) {
      const llvm::json::Object *O = V.getAsObject();
      const llvm::json::Object *T = O ? O->getObject("target") : nullptr;
      const llvm::json::Object *TC = T ? T->getObject("toolComponent") : nullptr;
      if (TC && TC->getString("name").value_or("").equals_insensitive("cwe"))
        if (std::optional<llvm::StringRef> Id = T->getString("id"))
          Add(*Id);
    }
  return Out;
}

std::string severityFrom(std::optional<llvm::StringRef> SecuritySeverity,
                         llvm::StringRef Level) {
  double Score;
  if (SecuritySeverity && !SecuritySeverity->getAsDouble(Score))
    return Score >= 9 ? "critical" : Score >= 7 ? "high" : Score >= 4 ? "medium" : "low";
  return Level == "error" ? "high" : Level == "note" || Level == "none" ? "low" : "medium";
}

std::string uriToPath(llvm::StringRef Uri) {
  if (Uri.consume_front("file://"))
    return Uri.str();
  return Uri.str();
}
} // namespace

llvm::Expected<ScanResult> report::parseForeignSarif(llvm::StringRef Text, llvm::StringRef Path,
                                                     llvm::StringRef DefaultRoot) {
  auto Json = vibeguard::parseJSON(Text);
  if (!Json)
    return sarifError(Path, "invalid JSON: " + llvm::toString(Json.takeError()));
  const llvm::json::Object *Log = Json->getAsObject();
  const llvm::json::Array *Runs = Log ? Log->getArray("runs") : nullptr;
  if (!Runs)
    return sarifError(Path, "not a SARIF log (no \"runs\" array)");
  ScanResult R;
  R.SourceRoot = DefaultRoot.str();
  for (const llvm::json::Value &RunV : *Runs) {
    const llvm::json::Object *Run = RunV.getAsObject();
    const llvm::json::Object *Tool = Run ? Run->getObject("tool") : nullptr;
    const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (!Driver)
      return sarifError(Path, "a run has no tool.driver");
    std::string ToolName = Driver->getString("name").value_or("unknown tool").str();
    // Rules by id and by index: CWEs and severity.
    struct RuleInfo {
      std::string Id;
      std::vector<unsigned> CWE;
      std::optional<std::string> SecuritySeverity;
      std::string Level;
    };
    std::vector<RuleInfo> Rules;
    if (const llvm::json::Array *Rs = Driver->getArray("rules"))
      for (const llvm::json::Value &V : *Rs)
        if (const llvm::json::Object *O = V.getAsObject()) {
          RuleInfo Info{O->getString("id").value_or("").str(), ruleCWEs(*O), std::nullopt, ""};
          if (const llvm::json::Object *P = O->getObject("properties"))
            if (std::optional<llvm::StringRef> S = P->getString("security-severity"))
              Info.SecuritySeverity = S->str();
          if (const llvm::json::Object *DC = O->getObject("defaultConfiguration"))
            Info.Level = DC->getString("level").value_or("").str();
          Rules.push_back(std::move(Info));
        }
    llvm::StringMap<std::string> Bases;
    if (const llvm::json::Object *B = Run->getObject("originalUriBaseIds"))
      for (const auto &[K, V] : *B)
        if (const llvm::json::Object *O = V.getAsObject())
          if (std::optional<llvm::StringRef> U = O->getString("uri"))
            Bases[K.str()] = uriToPath(*U);
    const llvm::json::Array *Results = Run->getArray("results");
    if (!Results)
      continue;
    for (const llvm::json::Value &V : *Results) {
      const llvm::json::Object *O = V.getAsObject();
      if (!O)
        return sarifError(Path, "a result is not an object");
      std::string RuleId = O->getString("ruleId").value_or("").str();
      const RuleInfo *Info = nullptr;
      if (std::optional<int64_t> Idx = O->getInteger("ruleIndex");
          Idx && *Idx >= 0 && size_t(*Idx) < Rules.size())
        Info = &Rules[*Idx];
      for (const RuleInfo &RI : Rules)
        if (!Info && !RuleId.empty() && RI.Id == RuleId)
          Info = &RI;
      if (RuleId.empty() && Info)
        RuleId = Info->Id;
      // A SARIF location (physicalLocation, URI against the run's base ids) as ours.
      auto Resolve = [&](const llvm::json::Object *L) -> std::optional<Location> {
        const llvm::json::Object *Phys = L ? L->getObject("physicalLocation") : nullptr;
        const llvm::json::Object *Art = Phys ? Phys->getObject("artifactLocation") : nullptr;
        std::optional<llvm::StringRef> Uri = Art ? Art->getString("uri") : std::nullopt;
        if (!Uri)
          return std::nullopt;
        Location Out;
        Out.File = uriToPath(*Uri);
        if (!llvm::sys::path::is_absolute(Out.File)) {
          std::string Base = R.SourceRoot;
          if (std::optional<llvm::StringRef> Id = Art->getString("uriBaseId"))
            if (auto It = Bases.find(*Id); It != Bases.end())
              Base = It->second;
          Out.File = joinRoot(Base, Out.File);
        }
        if (const llvm::json::Object *Region = Phys->getObject("region")) {
          Out.Line = Region->getInteger("startLine").value_or(0);
          Out.Column = Region->getInteger("startColumn").value_or(0);
          if (const llvm::json::Object *Snip = Region->getObject("snippet"))
            Out.Snippet = snippetOf(Snip->getString("text").value_or("").str());
        }
        if (const llvm::json::Object *M = L->getObject("message"))
          Out.Message = M->getString("text").value_or("").str();
        return Out;
      };
      const llvm::json::Object *Msg = O->getObject("message");
      const llvm::json::Array *Locs = O->getArray("locations");
      std::optional<Location> Where =
          Resolve(Locs && !Locs->empty() ? (*Locs)[0].getAsObject() : nullptr);
      if (!Where || !Msg)
        continue; // a result without a file location is not a code finding
      Finding F;
      F.Tool = ToolName;
      F.Rule = RuleId.empty() ? "(no rule id)" : RuleId;
      F.Message = Msg->getString("text").value_or("").str();
      F.Where = std::move(*Where);
      F.Where.Message.clear();
      // The path the tool reports: its first code flow's steps, else its related
      // locations.
      const llvm::json::Array *Flows = O->getArray("codeFlows");
      const llvm::json::Object *Flow0 = Flows && !Flows->empty() ? (*Flows)[0].getAsObject() : nullptr;
      const llvm::json::Array *Threads = Flow0 ? Flow0->getArray("threadFlows") : nullptr;
      const llvm::json::Object *Thread0 =
          Threads && !Threads->empty() ? (*Threads)[0].getAsObject() : nullptr;
      if (const llvm::json::Array *Steps = Thread0 ? Thread0->getArray("locations") : nullptr) {
        for (const llvm::json::Value &S : *Steps)
          if (const llvm::json::Object *SO = S.getAsObject())
            if (std::optional<Location> N = Resolve(SO->getObject("location")))
              F.Notes.push_back(std::move(*N));
        // A flow that ends at the result's own location: that step is the result.
        if (!F.Notes.empty() && F.Notes.back().File == F.Where.File &&
            F.Notes.back().Line == F.Where.Line && F.Notes.back().Column == F.Where.Column)
          F.Notes.pop_back();
      } else if (const llvm::json::Array *Rel = O->getArray("relatedLocations")) {
        for (const llvm::json::Value &RL : *Rel)
          if (std::optional<Location> N = Resolve(RL.getAsObject()))
            F.Notes.push_back(std::move(*N));
      }
      if (Info)
        F.CWE = Info->CWE;
      std::optional<llvm::StringRef> ResultScore;
      if (const llvm::json::Object *P = O->getObject("properties"))
        ResultScore = P->getString("security-severity");
      F.Severity = severityFrom(ResultScore ? ResultScore
                                : Info && Info->SecuritySeverity
                                    ? std::optional<llvm::StringRef>(*Info->SecuritySeverity)
                                    : std::nullopt,
                                O->getString("level").value_or(Info ? llvm::StringRef(Info->Level)
                                                                    : llvm::StringRef("")));
      R.Findings.push_back(std::move(F));
    }
  }
  return std::move(R);
}
