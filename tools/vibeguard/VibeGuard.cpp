//===- VibeGuard.cpp - The vibeguard command line ---------------------------===//
//
//   vibeguard scan     [options] BUILD_DIR|compile_commands.json
//   vibeguard rules    [--format text|json] [--family F] [--catalog FILE]
//   vibeguard controls [--format text|json] [--theme T] [--catalog FILE]
//   vibeguard --version | --help
//
// Exit codes: 0 success, 2 usage or configuration error.
//
//===----------------------------------------------------------------------===//
#include "Scan.h"
#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Config.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace vibeguard;

namespace {
constexpr int ExitUsage = 2;

const char *const Usage = R"(usage: vibeguard <command> [options]

commands:
  scan       run every rule over a compile database (SARIF, JSON or text); see
             'vibeguard scan --help'
  merge      join the SARIF logs of sharded scans (scan --shard K/N) into one
  report     ISO 27001 view of scan results: Markdown (PR comment), CSV, JSON;
             --evidence DIR writes a signed evidence pack
  verify     check an evidence pack's digests and signature
  diff       new, fixed and unchanged findings between two scans
  triage     record review decisions (set), list them, list expired accepted risks
  rules      list the rule catalog: id, severity, CWE, OWASP, ISO/IEC 27001:2022 controls
  controls   list ISO/IEC 27001:2022 Annex A controls and the rules giving evidence for each

options:
  --format text|json   output format (default: text)
  --family NAME        rules: only this family (crypto, auth, secrets, llm, injection)
  --theme NAME         controls: only this theme (organizational, people, physical,
                       technological)
  --catalog FILE       use this rules file instead of the built-in catalog
  --version            print the version
  --help               print this help
)";

int usageError(const llvm::Twine &Msg) {
  llvm::errs() << "vibeguard: error: " << Msg << " (see 'vibeguard --help')\n";
  return ExitUsage;
}

struct CommandOptions {
  std::string Format = "text";
  std::string Family;
  std::string Theme;
  std::string CatalogPath;
};

/// Parses `--opt VALUE` and `--opt=VALUE`. Returns false after printing an error.
bool parseOptions(llvm::StringRef Command, llvm::ArrayRef<const char *> Args,
                  CommandOptions &O, int &Exit) {
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    llvm::StringRef Name = A, Value;
    bool HasInline = false;
    if (A.starts_with("--") && A.contains('=')) {
      std::tie(Name, Value) = A.split('=');
      HasInline = true;
    }
    std::string *Target = llvm::StringSwitch<std::string *>(Name)
                              .Case("--format", &O.Format)
                              .Case("--catalog", &O.CatalogPath)
                              .Case("--family", Command == "rules" ? &O.Family : nullptr)
                              .Case("--theme", Command == "controls" ? &O.Theme : nullptr)
                              .Default(nullptr);
    if (!Target) {
      Exit = usageError("unknown option '" + A + "' for 'vibeguard " + Command + "'");
      return false;
    }
    if (!HasInline) {
      if (I + 1 >= Args.size()) {
        Exit = usageError("option '" + Name + "' needs a value");
        return false;
      }
      Value = Args[++I];
    }
    *Target = Value.str();
  }
  if (O.Format != "text" && O.Format != "json") {
    Exit = usageError("unknown format '" + O.Format + "'; use text or json");
    return false;
  }
  return true;
}

llvm::json::Array toJSON(const std::vector<ControlRef> &Refs) {
  llvm::json::Array A;
  for (const ControlRef &R : Refs)
    A.push_back(llvm::json::Object{{"control", R.Control}, {"rationale", R.Rationale}});
  return A;
}

/// docs/checks/<family>/<name>.md, relative to the repository root.
std::string helpPath(const Rule &R) {
  llvm::StringRef Name = llvm::StringRef(R.Id).drop_front(strlen("vibeguard-"));
  Name.consume_front(R.Family + "-");
  return "docs/checks/" + R.Family + "/" + Name.str() + ".md";
}

llvm::json::Value toJSON(const Rule &R) {
  llvm::json::Array CWE, Owasp, OwaspLLM;
  for (unsigned C : R.CWE)
    CWE.push_back("CWE-" + std::to_string(C));
  for (const std::string &O : R.Owasp)
    Owasp.push_back(O);
  for (const std::string &O : R.OwaspLLM)
    OwaspLLM.push_back(O);
  return llvm::json::Object{
      {"id", R.Id},
      {"family", R.Family},
      {"title", R.Title},
      {"summary", R.Summary},
      {"severity", R.Severity},
      {"securitySeverity", R.securitySeverity()},
      {"precision", R.Precision},
      {"cwe", std::move(CWE)},
      {"owasp", std::move(Owasp)},
      {"owaspLLM", std::move(OwaspLLM)},
      {"iso27001", llvm::json::Object{{"primary", toJSON(R.PrimaryControls)},
                                      {"related", toJSON(R.RelatedControls)}}},
      {"remediation", R.Remediation},
      {"help", helpPath(R)},
  };
}

std::string joinControls(const std::vector<ControlRef> &Refs) {
  std::vector<std::string> Ids;
  for (const ControlRef &R : Refs)
    Ids.push_back(R.Control);
  return llvm::join(Ids, ", ");
}

int listRules(const Catalog &C, const CommandOptions &O) {
  std::vector<const Rule *> Selected;
  for (const Rule &R : C.rules())
    if (O.Family.empty() || R.Family == O.Family)
      Selected.push_back(&R);
  if (!O.Family.empty() && Selected.empty())
    return usageError("no rules in family '" + O.Family + "'");
  if (O.Format == "json") {
    llvm::json::Array A;
    for (const Rule *R : Selected)
      A.push_back(toJSON(*R));
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
    return 0;
  }
  for (const Rule *R : Selected) {
    std::vector<std::string> CWE;
    for (unsigned N : R->CWE)
      CWE.push_back("CWE-" + std::to_string(N));
    llvm::outs() << R->Id << "\n"
                 << "  " << R->Title << " [" << R->Severity << ", precision "
                 << R->Precision << "]\n"
                 << "  CWE: " << llvm::join(CWE, ", ");
    if (!R->Owasp.empty())
      llvm::outs() << "  OWASP: " << llvm::join(R->Owasp, ", ");
    if (!R->OwaspLLM.empty())
      llvm::outs() << "  OWASP LLM: " << llvm::join(R->OwaspLLM, ", ");
    llvm::outs() << "\n  ISO/IEC 27001:2022: " << joinControls(R->PrimaryControls);
    if (!R->RelatedControls.empty())
      llvm::outs() << " (related: " << joinControls(R->RelatedControls) << ")";
    llvm::outs() << "\n\n";
  }
  llvm::outs() << Selected.size() << " rules\n";
  return 0;
}

int listControls(const Catalog &C, const CommandOptions &O) {
  std::vector<const Control *> Selected;
  for (const Control &Ctl : C.controls())
    if (O.Theme.empty() || Ctl.Theme == O.Theme)
      Selected.push_back(&Ctl);
  if (!O.Theme.empty() && Selected.empty())
    return usageError("unknown theme '" + O.Theme + "'");
  auto Ids = [](const std::vector<const Rule *> &Rules) {
    std::vector<std::string> Out;
    for (const Rule *R : Rules)
      Out.push_back(R->Id);
    return Out;
  };
  if (O.Format == "json") {
    llvm::json::Array A;
    for (const Control *Ctl : Selected) {
      llvm::json::Array Primary, Related;
      for (const std::string &Id : Ids(C.rulesForControl(Ctl->Id, true)))
        Primary.push_back(Id);
      for (const std::string &Id : Ids(C.rulesForControl(Ctl->Id, false)))
        Related.push_back(Id);
      A.push_back(llvm::json::Object{
          {"id", Ctl->Id},
          {"theme", Ctl->Theme},
          {"title", Ctl->Title},
          {"rules", llvm::json::Object{{"primary", std::move(Primary)},
                                       {"related", std::move(Related)}}}});
    }
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
    return 0;
  }
  unsigned Evidenced = 0;
  for (const Control *Ctl : Selected) {
    auto Primary = Ids(C.rulesForControl(Ctl->Id, true));
    auto Related = Ids(C.rulesForControl(Ctl->Id, false));
    llvm::outs() << llvm::left_justify(Ctl->Id, 7) << " " << Ctl->Title << "\n";
    if (!Primary.empty())
      llvm::outs() << "        primary evidence: " << llvm::join(Primary, ", ") << "\n";
    if (!Related.empty())
      llvm::outs() << "        related evidence: " << llvm::join(Related, ", ") << "\n";
    Evidenced += !Primary.empty() || !Related.empty();
  }
  llvm::outs() << Selected.size() << " controls, " << Evidenced
               << " with evidence from vibeguard rules\n";
  return 0;
}
} // namespace

int main(int argc, const char **argv) {
  if (argc < 2) {
    llvm::errs() << Usage;
    return ExitUsage;
  }
  llvm::StringRef Command = argv[1];
  if (Command == "--help" || Command == "-h" || Command == "help") {
    llvm::outs() << Usage;
    return 0;
  }
  if (Command == "--version") {
    llvm::outs() << "vibeguard " << VIBEGUARD_VERSION << " (Clang "
                 << VIBEGUARD_CLANG_VERSION << ")\n";
    return 0;
  }
  if (Command == "scan")
    return runScan(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command == "merge")
    return runMerge(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command == "report")
    return runReport(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command == "verify")
    return runVerify(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command == "diff")
    return runDiff(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command == "triage")
    return runTriage(llvm::ArrayRef(argv + 2, argc - 2));
  if (Command != "rules" && Command != "controls")
    return usageError("unknown command '" + Command + "'");

  CommandOptions O;
  int Exit = 0;
  if (!parseOptions(Command, llvm::ArrayRef(argv + 2, argc - 2), O, Exit))
    return Exit;

  std::unique_ptr<Catalog> Loaded;
  const Catalog *C = &Catalog::builtin();
  if (!O.CatalogPath.empty()) {
    auto L = Catalog::loadRulesFile(O.CatalogPath);
    if (!L) {
      llvm::errs() << "vibeguard: error: " << llvm::toString(L.takeError()) << "\n";
      return ExitUsage;
    }
    Loaded = std::move(*L);
    C = Loaded.get();
  }
  return Command == "rules" ? listRules(*C, O) : listControls(*C, O);
}
