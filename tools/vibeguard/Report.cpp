//===- Report.cpp - vibeguard report, verify and diff -------------------------===//
//
//   vibeguard report SCAN.sarif... [--format markdown|csv|json|html|sarif] [-o FILE]
//   vibeguard report SCAN.sarif... --evidence DIR (--hmac-key-env NAME | --ed25519-key PEM)
//   vibeguard verify DIR (--hmac-key-env NAME | --ed25519-key PEM)
//   vibeguard diff OLD.sarif NEW.sarif [--format text|json]
//
// Exit codes: 0 done (verify: intact), 1 verify found changes, 2 usage or input error.
//
//===----------------------------------------------------------------------===//
#include "Scan.h"
#include "vibeguard/Support/Files.h"
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Report/Evidence.h"
#include "vibeguard/Report/Findings.h"
#include "vibeguard/Report/Render.h"
#include "vibeguard/Report/Triage.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace vibeguard;
using namespace vibeguard::report;

namespace {
constexpr int ExitChanged = 1, ExitUsage = 2;

int error(const llvm::Twine &Msg) {
  llvm::errs() << "vibeguard: error: " << Msg << "\n";
  return ExitUsage;
}

/// The signing or verifying key from --hmac-key-env NAME or --ed25519-key PEM. The
/// HMAC secret is read from the environment so it never appears on a command line.
std::optional<SigningKey> keyFrom(llvm::StringRef HmacEnv, llvm::StringRef Ed25519,
                                  std::string &Err) {
  if (!HmacEnv.empty() == !Ed25519.empty()) {
    Err = "give exactly one of --hmac-key-env NAME and --ed25519-key PEM";
    return std::nullopt;
  }
  SigningKey K;
  if (!Ed25519.empty()) {
    K.Algorithm = SigningKey::Ed25519;
    K.PemPath = Ed25519.str();
    return K;
  }
  std::optional<std::string> Secret = llvm::sys::Process::GetEnv(HmacEnv);
  if (!Secret || Secret->empty()) {
    Err = "environment variable " + HmacEnv.str() + " is not set";
    return std::nullopt;
  }
  K.Secret = *Secret;
  return K;
}

/// Reads one SARIF log: vibeguard's own, or any other tool's.
llvm::Expected<ScanResult> readAnySarif(llvm::StringRef Path, llvm::StringRef DefaultRoot) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  llvm::StringRef Text = (*Buf)->getBuffer();
  // vibeguard's own logs start with a run whose driver is vibeguard; a report's SARIF
  // adds one run per other tool after it.
  auto Json = vibeguard::parseJSON(Text);
  const llvm::json::Array *Runs = nullptr;
  bool Ours = false;
  if (Json) {
    if (const llvm::json::Object *L = Json->getAsObject())
      if ((Runs = L->getArray("runs")) && !Runs->empty())
        if (const llvm::json::Object *Run = (*Runs)[0].getAsObject())
          if (const llvm::json::Object *T = Run->getObject("tool"))
            if (const llvm::json::Object *D = T->getObject("driver"))
              Ours = D->getString("name") == llvm::StringRef("vibeguard");
  } else {
    llvm::consumeError(Json.takeError());
  }
  if (!Ours)
    return parseForeignSarif(Text, Path, DefaultRoot);
  if (Runs->size() == 1)
    return parseScanSarif(Text, Path);
  auto Serialize = [](llvm::json::Array A) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    OS << llvm::json::Value(llvm::json::Object{{"version", "2.1.0"}, {"runs", std::move(A)}});
    return S;
  };
  auto Own = parseScanSarif(Serialize(llvm::json::Array{(*Runs)[0]}), Path);
  if (!Own)
    return Own.takeError();
  llvm::json::Array Rest;
  for (size_t I = 1; I < Runs->size(); ++I)
    Rest.push_back((*Runs)[I]);
  auto Others = parseForeignSarif(Serialize(std::move(Rest)), Path, Own->SourceRoot);
  if (!Others)
    return Others.takeError();
  append(*Own, std::move(*Others));
  return Own;
}

/// Reads and joins scan logs (vibeguard's and other tools') into one result.
std::optional<ScanResult> readScans(const std::vector<std::string> &Inputs, int &Exit) {
  ScanResult All;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  for (const std::string &In : Inputs) {
    auto R = readAnySarif(In, All.SourceRoot.empty() ? llvm::StringRef(Cwd)
                                                     : llvm::StringRef(All.SourceRoot));
    if (!R) {
      Exit = error(llvm::toString(R.takeError()));
      return std::nullopt;
    }
    // The first log's source root is the report's; other logs' paths are absolute.
    if (All.SourceRoot.empty())
      All.SourceRoot = R->SourceRoot;
    if (All.DocsBaseUri.empty())
      All.DocsBaseUri = R->DocsBaseUri;
    append(All, std::move(*R));
  }
  finalize(All);
  enrich(All, Catalog::builtin());
  return All;
}

struct Parsed {
  std::vector<std::string> Positional;
  std::map<std::string, std::string> Options;
};

/// Options that take a value; anything else starting with '-' is an error.
std::optional<Parsed> parse(llvm::StringRef Command, llvm::ArrayRef<const char *> Args,
                            std::initializer_list<llvm::StringRef> Known, int &Exit) {
  Parsed P;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (!A.starts_with("-")) {
      P.Positional.push_back(A.str());
      continue;
    }
    if (!llvm::is_contained(Known, A)) {
      Exit = error("unknown option '" + A + "' for 'vibeguard " + Command + "'");
      return std::nullopt;
    }
    if (I + 1 >= Args.size()) {
      Exit = error("option '" + A + "' needs a value");
      return std::nullopt;
    }
    P.Options[A.str()] = Args[++I];
  }
  return P;
}
} // namespace

int vibeguard::runReport(llvm::ArrayRef<const char *> Args) {
  int Exit = 0;
  auto P = parse("report", Args,
                 {"--format", "-o", "--evidence", "--hmac-key-env", "--ed25519-key",
                  "--triage", "--today"},
                 Exit);
  if (!P)
    return Exit;
  if (P->Positional.empty())
    return error("no scan results given (vibeguard report SCAN.sarif...)");
  std::string Format = P->Options.count("--format") ? P->Options["--format"] : "markdown";
  if (!llvm::is_contained({"markdown", "csv", "json", "html", "sarif"}, llvm::StringRef(Format)))
    return error("unknown format '" + Format + "'; use markdown, csv, json, html or sarif");
  auto All = readScans(P->Positional, Exit);
  if (!All)
    return Exit;
  const Catalog &C = Catalog::builtin();
  if (P->Options.count("--triage")) {
    auto T = readTriage(P->Options["--triage"]);
    if (!T)
      return error(llvm::toString(T.takeError()));
    std::string Today = P->Options.count("--today") ? P->Options["--today"] : today();
    for (Finding &F : All->Findings)
      F.State = stateOf(*T, F.Fingerprint, Today);
  }

  if (P->Options.count("--evidence")) {
    std::string Err;
    auto Key = keyFrom(P->Options["--hmac-key-env"], P->Options["--ed25519-key"], Err);
    if (!Key)
      return error(Err);
    llvm::json::Array Inputs;
    for (const std::string &In : P->Positional)
      Inputs.push_back(In);
    std::map<std::string, std::string> Artifacts{
        {"scan.sarif", toSarif(*All, C)},
        {"report.md", toMarkdown(*All, C, /*MaxFindings=*/1000000)},
        {"findings.csv", toCSV(*All, C)},
        {"controls.json", toControlJSON(*All, C)},
        {"report.html", toHTML(*All, C)}};
    llvm::json::Object Scope{{"sourceRoot", All->SourceRoot},
                             {"inputs", std::move(Inputs)},
                             {"findings", static_cast<int64_t>(All->Findings.size())},
                             {"unanalysed", static_cast<int64_t>(All->Failures.size())}};
    if (llvm::Error E = writeEvidencePack(P->Options["--evidence"], Artifacts,
                                          std::move(Scope), *Key))
      return error(llvm::toString(std::move(E)));
    llvm::errs() << "vibeguard: evidence pack written to " << P->Options["--evidence"]
                 << " (" << Artifacts.size() << " artifacts, signed with "
                 << (Key->Algorithm == SigningKey::HMAC ? "HMAC-SHA256" : "Ed25519")
                 << ")\n";
    return 0;
  }
  std::string Text = Format == "markdown" ? toMarkdown(*All, C)
                     : Format == "csv"    ? toCSV(*All, C)
                     : Format == "json"   ? toControlJSON(*All, C)
                     : Format == "html"   ? toHTML(*All, C)
                                          : toSarif(*All, C);
  if (!P->Options.count("-o")) {
    llvm::outs() << Text;
    return 0;
  }
  if (std::string Err = writeFileAtomically(P->Options["-o"], Text); !Err.empty())
    return error(Err);
  return 0;
}

int vibeguard::runVerify(llvm::ArrayRef<const char *> Args) {
  int Exit = 0;
  auto P = parse("verify", Args, {"--hmac-key-env", "--ed25519-key"}, Exit);
  if (!P)
    return Exit;
  if (P->Positional.size() != 1)
    return error("give one evidence pack directory (vibeguard verify DIR)");
  std::string Err;
  auto Key = keyFrom(P->Options["--hmac-key-env"], P->Options["--ed25519-key"], Err);
  if (!Key)
    return error(Err);
  auto Problems = verifyEvidencePack(P->Positional[0], *Key);
  if (!Problems)
    return error(llvm::toString(Problems.takeError()));
  for (const std::string &Pr : *Problems)
    llvm::outs() << "vibeguard: verify: " << P->Positional[0] << ": " << Pr << "\n";
  if (!Problems->empty())
    return ExitChanged;
  llvm::outs() << "vibeguard: verify: " << P->Positional[0]
               << ": every artifact matches its digest and the signature verifies\n";
  return 0;
}

int vibeguard::runDiff(llvm::ArrayRef<const char *> Args) {
  int Exit = 0;
  auto P = parse("diff", Args, {"--format"}, Exit);
  if (!P)
    return Exit;
  if (P->Positional.size() != 2)
    return error("give two scans (vibeguard diff OLD.sarif NEW.sarif)");
  std::string Format = P->Options.count("--format") ? P->Options["--format"] : "text";
  if (Format != "text" && Format != "json")
    return error("unknown format '" + Format + "'; use text or json");
  auto Old = readScans({P->Positional[0]}, Exit);
  if (!Old)
    return Exit;
  auto New = readScans({P->Positional[1]}, Exit);
  if (!New)
    return Exit;
  llvm::StringSet<> OldPrints, NewPrints;
  for (const Finding &F : Old->Findings)
    OldPrints.insert(F.Fingerprint);
  for (const Finding &F : New->Findings)
    NewPrints.insert(F.Fingerprint);
  std::vector<const Finding *> Added, Fixed, Unchanged;
  for (const Finding &F : New->Findings)
    (OldPrints.count(F.Fingerprint) ? Unchanged : Added).push_back(&F);
  for (const Finding &F : Old->Findings)
    if (!NewPrints.count(F.Fingerprint))
      Fixed.push_back(&F);
  if (Format == "json") {
    auto List = [](const std::vector<const Finding *> &V, llvm::StringRef Root) {
      llvm::json::Array A;
      for (const Finding *F : V)
        A.push_back(llvm::json::Object{{"fingerprint", F->Fingerprint},
                                       {"rule", F->Rule},
                                       {"file", relativePath(F->Where.File, Root)},
                                       {"line", F->Where.Line},
                                       {"message", F->Message}});
      return A;
    };
    llvm::outs() << llvm::formatv(
                        "{0:2}",
                        llvm::json::Value(llvm::json::Object{
                            {"new", List(Added, New->SourceRoot)},
                            {"fixed", List(Fixed, Old->SourceRoot)},
                            {"unchanged", List(Unchanged, New->SourceRoot)}}))
                 << "\n";
    return 0;
  }
  auto Print = [](llvm::StringRef Tag, const std::vector<const Finding *> &V,
                  llvm::StringRef Root) {
    for (const Finding *F : V)
      llvm::outs() << Tag << " " << relativePath(F->Where.File, Root) << ":" << F->Where.Line
                   << ": " << F->Message << " [" << F->Rule << "]\n";
  };
  Print("new:  ", Added, New->SourceRoot);
  Print("fixed:", Fixed, Old->SourceRoot);
  llvm::outs() << Added.size() << " new, " << Fixed.size() << " fixed, " << Unchanged.size()
               << " unchanged\n";
  return 0;
}

int vibeguard::runTriage(llvm::ArrayRef<const char *> Args) {
  const char *Usage =
      "usage: vibeguard triage set FINGERPRINT STATE [--justification T] [--owner O]\n"
      "                           [--expires YYYY-MM-DD] [--scan SARIF] [--file F]\n"
      "       vibeguard triage list [--scan SARIF] [--file F] [--today YYYY-MM-DD]\n"
      "       vibeguard triage expire [--file F] [--today YYYY-MM-DD]\n"
      "states: confirmed, false-positive, accepted-risk (needs justification, owner,\n"
      "expiry), fixed; the file defaults to .vibeguard-triage.yaml\n";
  if (!Args.empty() && llvm::StringRef(Args[0]) == "--help") {
    llvm::outs() << Usage;
    return 0;
  }
  if (Args.empty())
    return error("no triage command; use set, list or expire");
  llvm::StringRef Verb = Args[0];
  if (Verb != "set" && Verb != "list" && Verb != "expire")
    return error("unknown triage command '" + Verb + "'; use set, list or expire");
  int Exit = 0;
  auto P = parse("triage " + Verb.str(), Args.drop_front(),
                 {"--file", "--scan", "--today", "--justification", "--owner", "--expires"},
                 Exit);
  if (!P)
    return Exit;
  std::string Path = P->Options.count("--file") ? P->Options["--file"]
                                                 : ".vibeguard-triage.yaml";
  std::string Today = P->Options.count("--today") ? P->Options["--today"] : today();
  TriageFile T;
  if (llvm::sys::fs::exists(Path)) {
    auto Read = readTriage(Path);
    if (!Read)
      return error(llvm::toString(Read.takeError()));
    T = std::move(*Read);
  } else if (Verb != "set") {
    return error(Path + ": no triage file (create one with 'vibeguard triage set')");
  }
  std::optional<ScanResult> Scan;
  if (P->Options.count("--scan")) {
    Scan = readScans({P->Options["--scan"]}, Exit);
    if (!Scan)
      return Exit;
  }
  auto InScan = [&](llvm::StringRef Print) -> const Finding * {
    if (Scan)
      for (const Finding &F : Scan->Findings)
        if (F.Fingerprint == Print)
          return &F;
    return nullptr;
  };

  if (Verb == "set") {
    if (P->Positional.size() != 2)
      return error("usage: vibeguard triage set FINGERPRINT STATE [options]");
    Decision D;
    D.Fingerprint = P->Positional[0];
    D.State = P->Positional[1];
    D.Justification = P->Options["--justification"];
    D.Owner = P->Options["--owner"];
    D.Expires = P->Options["--expires"];
    D.Decided = Today;
    if (const Finding *F = InScan(D.Fingerprint)) {
      D.Rule = F->Rule;
      D.Location = relativePath(F->Where.File, Scan->SourceRoot) + ":" +
                   std::to_string(F->Where.Line);
    } else if (Scan) {
      llvm::errs() << "vibeguard: warning: " << D.Fingerprint << " is not in "
                   << P->Options["--scan"] << "\n";
    }
    TriageFile Next = T;
    Next.set(D);
    // Validate what would be written with the reader itself.
    std::string Text = toYAML(Next);
    auto Check = parseTriage(Text, Path);
    if (!Check)
      return error(llvm::toString(Check.takeError()));
    if (std::string Err = writeFileAtomically(Path, Text); !Err.empty())
      return error(Err);
    llvm::outs() << D.Fingerprint << " is now " << D.State << " in " << Path << "\n";
    return 0;
  }
  unsigned Expired = 0;
  for (const Decision &D : T.Decisions) {
    bool Gone = expired(D, Today);
    Expired += Gone;
    if (Verb == "expire" && !Gone)
      continue;
    llvm::outs() << D.Fingerprint << "  " << D.State
                 << (Gone ? " (expired " + D.Expires + ": open again)"
                     : D.Expires.empty() ? std::string()
                                         : " (until " + D.Expires + ")")
                 << "  " << (D.Rule.empty() ? "?" : D.Rule) << "  " << D.Location
                 << (D.Owner.empty() ? "" : "  owner: " + D.Owner)
                 << (Scan && !InScan(D.Fingerprint) ? "  (not in this scan)" : "") << "\n";
  }
  if (Verb == "expire") {
    llvm::outs() << Expired << " accepted risk" << (Expired == 1 ? "" : "s")
                 << " expired on " << Today << "\n";
    return Expired ? ExitChanged : 0;
  }
  return 0;
}
