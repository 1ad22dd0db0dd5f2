//===- VibeGuardWorker.cpp - Analyse one translation unit for vibeguard scan ---===//
//
//   vibeguard-worker --job JOB.json --out RESULT.json [--checks GLOB]
//                    [--header-filter REGEX] [--model FILE]...
//                    [--all-summaries | --summaries-for USRS.txt]
//
// JOB.json is one normalised compile command: {"directory", "file", "arguments"}.
// The worker parses the TU once and runs the vibeguard checks in-process through
// clang-tidy's library, exactly as vibeguard-tidy does: .clang-tidy files in the tree
// choose the checks (intersected with --checks) and set their options, and NOLINT is
// honoured. It writes RESULT.json atomically:
//   {"file", "status": "ok" | "compile-errors", "compileErrors": [...],
//    "findings": [{"rule", "message", "file", "line", "column", "notes": [...]}],
//    "dependencies": [every file the parse read, for the scanner's cache],
//    "taintDigest", "taintBytes": SHA-256 and size of RESULT.json.taint,
//    "peakMemoryKiB": the worker's own peak resident memory}
// and, before it, RESULT.json.taint, the taint data for the cross-TU link:
//   {"rules": {CHECK: {"sourceKinds": [...], "reportUserRoleMessages": B}},
//    "files": [...], "summaries": [function summaries (taint::writeSummaries)],
//    "functions": {every function: its calls and flow ends (taint::writeFunctions)}}
// The summaries are those the TU's own taint checks need; the link asks again for
// the functions it needs besides (--summaries-for: one USR a line; only the taint
// engine runs, and the result has no findings). --all-summaries summarizes every
// function (a shard's: the merge asks nobody). --model adds taint model files (the
// checks' TaintModels option).
// One process per TU: a crash, an assertion or a hang stays in the worker, and the
// scanner reports it.
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/Tooling.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "../../checks/taint/TaintCheck.h"
#include "vibeguard/Support/Files.h"
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Support/YAML.h"
#include "vibeguard/Analysis/TaintModel.h"
#include "vibeguard/Secrets/Secrets.h"

#include <set>
using namespace clang;
using namespace clang::tidy;

namespace {
using vibeguard::writeFile;

int fail(const llvm::Twine &Msg) {
  llvm::errs() << "vibeguard-worker: error: " << Msg << "\n";
  return 2;
}

/// The single compile command of the job, for the file it names.
class SingleCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(tooling::CompileCommand C) : Command(std::move(C)) {}
  std::vector<tooling::CompileCommand> getCompileCommands(StringRef File) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override { return {Command.Filename}; }

private:
  tooling::CompileCommand Command;
};

/// The files the parse reads (main file, headers entered or skipped by their include
/// guards): the scanner's cache is valid while none of them changes. A check of the
/// worker's own, so it rides on the one parse.
llvm::StringSet<> Dependencies;

/// Records each file the preprocessor enters or skips (include guards) in Dependencies.
struct DependencyCallbacks : PPCallbacks {
  const SourceManager &SM;
  explicit DependencyCallbacks(const SourceManager &SM) : SM(SM) {}
  void record(OptionalFileEntryRef F) {
    if (F)
      Dependencies.insert(F->getFileEntry().tryGetRealPathName().empty()
                              ? F->getName()
                              : F->getFileEntry().tryGetRealPathName());
  }
  void FileChanged(SourceLocation Loc, FileChangeReason Reason, SrcMgr::CharacteristicKind,
                   FileID) override {
    if (Reason == EnterFile)
      record(SM.getFileEntryRefForID(SM.getFileID(SM.getExpansionLoc(Loc))));
  }
  void FileSkipped(const FileEntryRef &File, const Token &,
                   SrcMgr::CharacteristicKind) override {
    record(File);
  }
};

class DependencyRecorder : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *) override {
    PP->addPPCallbacks(std::make_unique<DependencyCallbacks>(SM));
  }
};

/// --deps-only: preprocess, no parse: the files a TU reads, for scan --changed-since.
class DependenciesOnlyAction : public PreprocessOnlyAction {
  bool BeginSourceFileAction(CompilerInstance &CI) override {
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<DependencyCallbacks>(CI.getSourceManager()));
    return true;
  }
};

class WorkerModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &F) override {
    F.registerCheck<DependencyRecorder>("vibeguard-internal-dependencies");
  }
};
ClangTidyModuleRegistry::Add<WorkerModule> Worker("vibeguard-worker",
                                                  "The scanner's dependency recorder.");

/// Every registered check whose name starts with "vibeguard-".
std::vector<std::string> vibeguardCheckNames() {
  ClangTidyCheckFactories Factories;
  for (const auto &E : ClangTidyModuleRegistry::entries())
    E.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &F : Factories)
    if (F.getKey().starts_with("vibeguard-") && !F.getKey().starts_with("vibeguard-internal-"))
      Names.push_back(F.getKey().str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

/// 1-based line and column of \p Offset in \p Path (contents cached).
std::pair<unsigned, unsigned> lineColumn(StringRef Path, unsigned Offset) {
  static llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
  auto &Buf = Files[Path];
  if (!Buf) {
    auto B = llvm::MemoryBuffer::getFile(Path);
    if (!B)
      return {0, 0};
    Buf = std::move(*B);
  }
  StringRef Text = Buf->getBuffer().take_front(Offset);
  unsigned Line = Text.count('\n') + 1;
  size_t LastNL = Text.rfind('\n');
  unsigned Col = LastNL == StringRef::npos ? Text.size() + 1 : Text.size() - LastNL;
  return {Line, Col};
}

/// \p M's place; a path as spelled relative to the TU's directory (a header found
/// through -Iinc) is made absolute against \p Dir.
llvm::json::Object location(const tooling::DiagnosticMessage &M, StringRef Dir) {
  llvm::SmallString<256> Path(M.FilePath);
  if (!Path.empty() && !llvm::sys::path::is_absolute(Path)) {
    Path = Dir;
    llvm::sys::path::append(Path, M.FilePath);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  auto [Line, Col] = lineColumn(Path, M.FileOffset);
  return llvm::json::Object{{"message", M.Message}, {"file", std::string(Path)},
                            {"line", Line}, {"column", Col}};
}
/// `--check-config DIR...`: the .clang-tidy files clang-tidy reads for a file in each
/// directory, read with its own parser: from the directory up, each file it finds,
/// until one that parses and does not set InheritParentConfig (one that does not parse
/// clang-tidy reports, skips, and looks further up). Prints "FILE:LINE:COL: MESSAGE"
/// for the first error of each file that does not parse; exit 1 if any does not.
int checkConfigs(llvm::ArrayRef<const char *> Dirs) {
  bool Bad = false;
  llvm::StringMap<bool> Parsed; // file: whether it parsed and inherits
  for (StringRef Start : Dirs) {
    for (StringRef Dir = Start; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Path(Dir);
      llvm::sys::path::append(Path, ".clang-tidy");
      auto Known = Parsed.find(Path);
      bool Continue;
      if (Known != Parsed.end()) {
        Continue = Known->second;
      } else if (!llvm::sys::fs::exists(Path)) {
        Continue = true;
      } else {
        auto Buf = llvm::MemoryBuffer::getFile(Path);
        std::string First;
        llvm::ErrorOr<ClangTidyOptions> Opts = std::make_error_code(std::errc::io_error);
        if (Buf)
          Opts = parseConfigurationWithDiags(
              (*Buf)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
                if (First.empty() && D.getKind() == llvm::SourceMgr::DK_Error)
                  First = vibeguard::diagnosticText(D);
              });
        bool Ok = Buf && Opts && First.empty();
        if (!Ok) {
          Bad = true;
          llvm::outs() << Path << ":"
                       << (!Buf ? " cannot read: " + Buf.getError().message()
                           : First.empty() ? " " + Opts.getError().message()
                                           : First)
                       << "\n";
        }
        Continue = !Ok || Opts->InheritParentConfig.value_or(false);
        Parsed[Path] = Continue;
      }
      if (!Continue || Dir == llvm::sys::path::root_path(Dir))
        break;
    }
  }
  return Bad ? 1 : 0;
}
} // namespace

int main(int argc, const char **argv) {
  if (argc > 1 && StringRef(argv[1]) == "--check-config")
    return checkConfigs(llvm::ArrayRef(argv + 2, argv + argc));
  std::string JobPath, OutPath, ChecksGlob = "vibeguard-*", HeaderFilter = ".*", Model,
                                 SummariesFor;
  std::vector<std::string> Models;
  bool DepsOnly = false, AllSummaries = false;
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    auto Next = [&](std::string &To) {
      if (I + 1 >= argc)
        return false;
      To = argv[++I];
      return true;
    };
    if ((A == "--job" && Next(JobPath)) || (A == "--out" && Next(OutPath)) ||
        (A == "--checks" && Next(ChecksGlob)) || (A == "--header-filter" && Next(HeaderFilter)) ||
        (A == "--summaries-for" && Next(SummariesFor)))
      continue;
    if (A == "--all-summaries") {
      AllSummaries = true;
      continue;
    }
    if (A == "--model" && Next(Model)) {
      Models.push_back(Model);
      continue;
    }
    if (A == "--deps-only") {
      DepsOnly = true;
      continue;
    }
    return fail("unknown or incomplete option '" + A + "'");
  }
  if (JobPath.empty() || OutPath.empty())
    return fail("usage: vibeguard-worker --job JOB.json --out RESULT.json [--checks GLOB] "
                "[--header-filter REGEX] [--model FILE]... [--deps-only | --all-summaries | "
                "--summaries-for USRS.txt]");
  llvm::StringSet<> Wanted; // --summaries-for
  if (!SummariesFor.empty()) {
    auto Text = llvm::MemoryBuffer::getFile(SummariesFor);
    if (!Text)
      return fail(SummariesFor + ": cannot read: " + Text.getError().message());
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Text)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef L : Lines)
      Wanted.insert(L);
  }

  auto JobText = llvm::MemoryBuffer::getFile(JobPath);
  if (!JobText)
    return fail(JobPath + ": cannot read: " + JobText.getError().message());
  auto Job = vibeguard::parseJSON((*JobText)->getBuffer());
  if (!Job)
    return fail(JobPath + ": " + llvm::toString(Job.takeError()));
  const llvm::json::Object *O = Job->getAsObject();
  const llvm::json::Array *Args = O ? O->getArray("arguments") : nullptr;
  std::optional<StringRef> Dir = O ? O->getString("directory") : std::nullopt;
  std::optional<StringRef> File = O ? O->getString("file") : std::nullopt;
  if (!Args || !Dir || !File)
    return fail(JobPath + ": needs \"directory\", \"file\" and \"arguments\"");
  std::vector<std::string> CommandLine;
  for (const llvm::json::Value &V : *Args)
    if (std::optional<StringRef> S = V.getAsString())
      CommandLine.push_back(S->str());

  SingleCommandDatabase DB(tooling::CompileCommand(*Dir, *File, CommandLine, ""));
  llvm::json::Object Result{{"file", *File}};
  if (DepsOnly) {
    tooling::ClangTool Tool(DB, {File->str()});
    // Counts errors and prints nothing: a missing header makes the list incomplete.
    DiagnosticConsumer Counter;
    Tool.setDiagnosticConsumer(&Counter);
    int RC = Tool.run(tooling::newFrontendActionFactory<DependenciesOnlyAction>().get());
    Result["status"] = RC == 0 && Counter.getNumErrors() == 0 ? "ok" : "preprocessing-errors";
  } else {
  // Which vibeguard checks run: those the file's .clang-tidy enables (all of them when
  // it says nothing about vibeguard) that --checks also selects.
    ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
    Defaults.Checks = "-*,vibeguard-*";
    auto FS = llvm::vfs::getRealFileSystem();
    FileOptionsProvider Probe(ClangTidyGlobalOptions(), Defaults, ClangTidyOptions(), FS);
    ClangTidyOptions FileOpts = Probe.getOptions(*File);
    CachedGlobList FromFile(FileOpts.Checks.value_or("-*,vibeguard-*"));
    CachedGlobList FromUser(ChecksGlob);
    std::string Enabled = "-*";
    for (const std::string &Name : vibeguardCheckNames())
      if (FromUser.contains(Name) &&
          (FromFile.contains(Name) ||
           StringRef(FileOpts.Checks.value_or("")).find("vibeguard") == StringRef::npos) &&
          (SummariesFor.empty() || vibeguard::taint::findTaintRule(Name)))
        Enabled += "," + Name;
    ClangTidyOptions Override;
    Override.Checks = Enabled + ",vibeguard-internal-dependencies";
    if (!Models.empty())
      Override.CheckOptions["TaintModels"] =
          ClangTidyOptions::ClangTidyValue(llvm::join(Models, ";"));
    // The taint rules this TU runs, with their options, and its summaries: scan links
    // every TU's summaries and reports the flows that cross TUs as these rules would.
    llvm::json::Object Rules;
    for (const vibeguard::taint::TaintRule *R : vibeguard::taint::taintRules()) {
      if (!StringRef(Enabled).contains(("," + R->name()).str()))
        continue;
      auto Opt = [&](StringRef Key) -> std::optional<std::string> {
        auto It = FileOpts.CheckOptions.find((R->name() + "." + Key).str());
        if (It == FileOpts.CheckOptions.end())
          return std::nullopt;
        return It->second.Value;
      };
      llvm::json::Array Kinds;
      for (const std::string &K :
           vibeguard::secrets::splitList(Opt("SourceKinds").value_or(R->defaultSourceKinds().str())))
        if (llvm::is_contained(vibeguard::taint::sourceKinds(), K))
          Kinds.push_back(K);
      std::string UserRole = StringRef(Opt("ReportUserRoleMessages").value_or("false")).lower();
      Rules[R->name()] = llvm::json::Object{
          {"sourceKinds", std::move(Kinds)},
          {"reportUserRoleMessages", UserRole == "true" || UserRole == "1"}};
    }
    vibeguard::taint::TranslationUnitTaint Taint;
    bool Exported = false;
    vibeguard::tidy::TaintCheck::SummaryExport Export;
    using Scope = vibeguard::tidy::TaintCheck::SummaryExport::Scope;
    Export.What = !SummariesFor.empty() ? Scope::Listed
                  : AllSummaries        ? Scope::All
                                        : Scope::Relevant;
    Export.Functions = &Wanted;
    Export.Receive = [&](const vibeguard::taint::TranslationUnitTaint &TU, StringRef) {
      if (Exported) // another model setting: the first is the TU's
        return;
      Exported = true;
      Taint = TU;
      // Paths as the findings have them: absolute, against the TU's directory.
      llvm::StringMap<std::string> Abs;
      auto Fix = [&](vibeguard::taint::Step &St) {
        auto [It, New] = Abs.try_emplace(St.File);
        if (New) {
          llvm::SmallString<256> P(St.File);
          if (!P.empty() && !llvm::sys::path::is_absolute(P)) {
            P = *Dir;
            llvm::sys::path::append(P, St.File);
          }
          llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
          It->second = std::string(P);
        }
        St.File = It->second;
      };
      for (vibeguard::taint::FunctionSummary &S : Taint.Summaries) {
        for (auto &X : S.Sources)
          Fix(X.Where);
        for (auto &X : S.Sinks)
          Fix(X.Where);
        for (auto &X : S.Calls)
          Fix(X.Where);
        for (auto &E : S.Edges)
          for (auto &St : E.Steps)
            Fix(St);
      }
    };
    vibeguard::tidy::TaintCheck::setSummaryExport(std::move(Export));
    Override.HeaderFilterRegex = HeaderFilter; // headers whose findings are reported
    Override.SystemHeaders = false;

    ClangTidyContext Context(std::make_unique<FileOptionsProvider>(
        ClangTidyGlobalOptions(), Defaults, Override, FS));
    auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(FS);
    std::vector<ClangTidyError> Errors =
        runClangTidy(Context, DB, {File->str()}, BaseFS, /*ApplyAnyFix=*/false);

    llvm::json::Array Findings, CompileErrors;
    for (const ClangTidyError &E : Errors) {
      if (StringRef(E.DiagnosticName).starts_with("clang-diagnostic-")) {
        if (E.DiagLevel == tooling::Diagnostic::Error)
          CompileErrors.push_back(location(E.Message, *Dir));
        continue;
      }
      if (!StringRef(E.DiagnosticName).starts_with("vibeguard-") || E.Message.FilePath.empty())
        continue;
      llvm::json::Object F = location(E.Message, *Dir);
      F["rule"] = E.DiagnosticName;
      llvm::json::Array Notes;
      for (const tooling::DiagnosticMessage &N : E.Notes)
        if (!N.FilePath.empty())
          Notes.push_back(location(N, *Dir));
      F["notes"] = std::move(Notes);
      Findings.push_back(std::move(F));
    }
    // What the checks said of their options (vibeguard-tidy prints it as a warning).
    std::set<std::string> ConfigWarnings;
    for (const ClangTidyError &E : Errors)
      if (E.DiagnosticName == "clang-tidy-config")
        ConfigWarnings.insert(E.Message.Message);
    if (!ConfigWarnings.empty())
      Result["configWarnings"] =
          llvm::json::Array(std::vector<std::string>(ConfigWarnings.begin(), ConfigWarnings.end()));
    Result["status"] = CompileErrors.empty() ? "ok" : "compile-errors";
    Result["compileErrors"] = std::move(CompileErrors);
    Result["findings"] = std::move(Findings);
    if (!Rules.empty()) {
      // Beside the result, in a file of its own: the scanner keeps it in its cache as
      // it is and reads it only when it links (a warm re-scan whose link is cached
      // never does).
      std::string Text;
      {
        llvm::raw_string_ostream OS(Text);
        llvm::json::OStream J(OS);
        J.object([&] {
          J.attribute("rules", std::move(Rules));
          vibeguard::taint::writeSummaries(J, Taint.Summaries);
          if (!Taint.Functions.empty())
            vibeguard::taint::writeFunctions(J, Taint.Functions);
        });
      }
      if (std::string Err = writeFile(OutPath + ".taint", Text); !Err.empty())
        return fail(Err);
      Result["taintDigest"] = llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text)));
      Result["taintBytes"] = int64_t(Text.size());
    }
  }
  llvm::json::Array Deps;
  for (const auto &D : Dependencies)
    Deps.push_back(D.getKey());
  std::sort(Deps.begin(), Deps.end(), [](const llvm::json::Value &A,
                                         const llvm::json::Value &B) {
    return *A.getAsString() < *B.getAsString();
  });
  Result["dependencies"] = std::move(Deps);
  // Measured here: the rusage the scanner gets from wait() also counts the scanner's
  // own memory, which a spawned child shares until it execs.
  if (auto Status = llvm::MemoryBuffer::getFileAsStream("/proc/self/status")) { // size 0
    llvm::StringRef Rest = (*Status)->getBuffer();
    size_t At = Rest.find("VmHWM:");
    uint64_t KiB = 0;
    if (At != llvm::StringRef::npos &&
        !Rest.drop_front(At + 6).ltrim().take_until(llvm::isSpace).getAsInteger(10, KiB))
      Result["peakMemoryKiB"] = int64_t(KiB);
  }

  // Atomically: a result file exists only when it is complete.
  if (std::string Err = vibeguard::writeFileAtomically(
          OutPath, llvm::formatv("{0}\n", llvm::json::Value(std::move(Result))).str());
      !Err.empty())
    return fail(Err);
  return 0;
}
