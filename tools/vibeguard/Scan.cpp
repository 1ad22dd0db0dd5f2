//===- Scan.cpp - vibeguard scan: every rule over a compile database ----------===//
//
// One vibeguard-worker process per translation unit (at most -j at a time): a crash,
// an assertion or a hang stays in its worker, is listed with its reason, and the scan
// goes on. Results merge into one deterministic SARIF, JSON or text report.
//
// Exit codes: 0 no findings at or above --fail-on and every TU analysed; 1 findings at
// or above --fail-on; 2 usage, configuration or input error (nothing written); 3 some
// TUs could not be analysed (and no finding reached the threshold).
//
//===----------------------------------------------------------------------===//
#include "Scan.h"
#include "vibeguard/Support/Files.h"
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Config.h"
#include "vibeguard/Report/Evidence.h"
#include "vibeguard/Report/Findings.h"
#include "vibeguard/Report/Render.h"
#include "vibeguard/Report/Triage.h"
#include "vibeguard/Scan/CompileDatabase.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Threading.h"
#include "llvm/ADT/StringExtras.h"
#include "vibeguard/Analysis/TaintModel.h"
#include "vibeguard/Analysis/TaintRules.h"
#include "llvm/Support/Regex.h"
#include <chrono>
#include <atomic>
#include <map>
#include <set>
#include <csignal>
#include <thread>
#include <unistd.h>

using namespace vibeguard;
using namespace vibeguard::report;

namespace {
constexpr int ExitFindings = 1, ExitUsage = 2, ExitFailedTUs = 3, ExitInterrupted = 130;

/// Set by the first SIGINT or SIGTERM (llvm::sys::SetInterruptFunction; a second one
/// ends the process at once). The worker pool stops its workers and the scan ends,
/// removing its work directory: what finished is in the cache, and the next scan
/// resumes from it.
std::atomic<bool> Interrupted{false};
void onInterrupt() { Interrupted = true; }

const char *const ScanUsage = R"(usage: vibeguard scan [options] BUILD_DIR|compile_commands.json

options:
  -p PATH                build directory or compile_commands.json (or give it last)
  --format sarif|json|text|gitlab-sast   output format (default: sarif)
  -o FILE                write the report here (default: standard output)
  -j N                   parallel workers (default: all cores)
  --checks GLOB          clang-tidy style check globs (default: vibeguard-*)
  --source-root DIR      paths in the report are relative to it (default: .)
  --include GLOB         only files matching (relative to the source root); repeatable
  --exclude GLOB         skip files matching; repeatable
  --timeout SECONDS      per-TU time limit (default: 300)
  --baseline SARIF       report and fail only on findings not in this earlier scan
  --fail-on LEVEL        critical|high|medium|low|none: exit 1 at or above (default: low)
  --sarif-output FILE    also write SARIF here (with --format json or text)
  --cache-dir DIR        reuse results of unchanged TUs (default: .vibeguard-cache
                         beside the compile database); --no-cache to turn it off
  --header-filter REGEX  report findings in headers matching (default: every header
                         outside system directories)
  --model FILE           a taint model extending the built-in one (sources, sinks,
                         sanitizers; docs/taint-models.md); repeatable
  --shard K/N            analyse the K-th of N deterministic slices (CI matrices);
                         join the shards' SARIF with 'vibeguard merge'
  --changed-since REV     only the TUs whose main file or any header it reads differs
                         from git revision REV (working tree, untracked files included)
  --docs-base-uri URI    where rule pages live (default: this installation's docs/checks/)

exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error,
            3 some translation units could not be analysed, 130 interrupted (SIGINT or
            SIGTERM; the translation units that finished are cached: scan again to resume)
)";

int usageError(const llvm::Twine &Msg) {
  llvm::errs() << "vibeguard: error: " << Msg << " (see 'vibeguard scan --help')\n";
  return ExitUsage;
}

/// Whether \p Name matches \p Glob, where '*' stands for any run of characters and
/// every other character for itself (clang-tidy's check globs).
bool checkGlobMatch(llvm::StringRef Glob, llvm::StringRef Name) {
  size_t G = 0, N = 0, Star = llvm::StringRef::npos, Mark = 0;
  while (N < Name.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      Star = G++;
      Mark = N;
    } else if (G < Glob.size() && Glob[G] == Name[N]) {
      ++G, ++N;
    } else if (Star != llvm::StringRef::npos) {
      G = Star + 1;
      N = ++Mark;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

/// The catalog's rules that a --checks value selects, as clang-tidy reads it: globs
/// separated by commas or newlines, a leading '-' excludes, only '*' is a wildcard, and
/// the last glob that matches a name decides. \p Unmatched gets the including globs
/// that match no rule (a typo, or another tool's checks).
std::vector<std::string> selectedRules(llvm::StringRef Checks,
                                       std::vector<std::string> &Unmatched) {
  struct Glob {
    llvm::StringRef Text;
    bool Include;
    bool Used = false;
  };
  std::vector<Glob> Globs;
  while (!Checks.empty()) {
    size_t End = Checks.find_first_of(",\n");
    llvm::StringRef Part = Checks.substr(0, End).trim();
    Checks = End == llvm::StringRef::npos ? llvm::StringRef() : Checks.substr(End + 1);
    bool Include = !Part.consume_front("-");
    Part = Part.trim();
    if (!Part.empty())
      Globs.push_back({Part, Include});
  }
  std::vector<std::string> Selected;
  for (const Rule &R : Catalog::builtin().rules()) {
    bool On = false;
    for (Glob &G : Globs)
      if (checkGlobMatch(G.Text, R.Id)) {
        On = G.Include;
        G.Used |= G.Include;
      }
    if (On)
      Selected.push_back(R.Id);
  }
  for (const Glob &G : Globs)
    if (G.Include && !G.Used)
      Unmatched.push_back(G.Text.str());
  return Selected;
}

struct ScanOptions {
  std::string Database, Format = "sarif", Output, Checks = "vibeguard-*", SourceRoot = ".",
              Baseline, FailOn = "low", DocsBaseUri, SarifOutput, CacheDir,
              HeaderFilter = ".*", ChangedSince;
  bool Cache = true;
  unsigned ShardIndex = 1, ShardCount = 1;
  unsigned Jobs = 0, Timeout = 300;
  std::vector<std::string> Include, Exclude, Models;
};

/// Runs git in \p Dir with \p Args; its standard output, or an error with git's message.
llvm::Expected<std::string> runGit(llvm::StringRef Dir, llvm::ArrayRef<std::string> Args,
                                   llvm::StringRef WorkDir) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "--changed-since needs git, which is not on PATH");
  std::string Out = (WorkDir + "/git.out").str(), Err = (WorkDir + "/git.err").str();
  std::vector<llvm::StringRef> Argv{*Git, "-C", Dir};
  for (const std::string &A : Args)
    Argv.push_back(A);
  // The redirections open the files without truncating them.
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  auto Read = [](llvm::StringRef P) {
    auto B = llvm::MemoryBuffer::getFile(P);
    return B ? (*B)->getBuffer().str() : std::string();
  };
  if (RC != 0) {
    std::string Msg = llvm::StringRef(Read(Err)).trim().split('\n').first.str();
    return llvm::createStringError(std::errc::invalid_argument, "git %s: %s",
                                   llvm::join(Args, " ").c_str(),
                                   Msg.empty() ? "failed" : Msg.c_str());
  }
  return Read(Out);
}

std::string realOrSelf(llvm::StringRef P) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(P, Real))
    return P.str();
  return std::string(Real);
}

/// The files that differ from \p Rev in the git work tree holding \p Root: changed,
/// added, deleted and untracked (ignored files excepted), as real absolute paths.
llvm::Expected<llvm::StringSet<>> changedFiles(llvm::StringRef Root, llvm::StringRef Rev,
                                               llvm::StringRef WorkDir) {
  auto Top = runGit(Root, {"rev-parse", "--show-toplevel"}, WorkDir);
  if (!Top)
    return Top.takeError();
  std::string TopDir = llvm::StringRef(*Top).trim().str();
  // The revision as a commit id: nothing git could read as an option.
  if (Rev.empty() || Rev.starts_with("-"))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--changed-since needs a git revision, not '%s'",
                                   Rev.str().c_str());
  auto Commit = runGit(Root, {"rev-parse", "--verify", "--quiet", (Rev + "^{commit}").str()},
                       WorkDir);
  if (!Commit) {
    llvm::consumeError(Commit.takeError());
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--changed-since: '%s' is not a commit in %s",
                                   Rev.str().c_str(), TopDir.c_str());
  }
  // --no-renames: a renamed file is listed under its old name too (it was deleted).
  auto Diff = runGit(Root,
                     {"diff", "--name-only", "--no-renames", "-z",
                      llvm::StringRef(*Commit).trim().str(), "--"},
                     WorkDir);
  if (!Diff)
    return Diff.takeError();
  auto Untracked =
      runGit(Root, {"ls-files", "--others", "--exclude-standard", "--full-name", "-z"}, WorkDir);
  if (!Untracked)
    return Untracked.takeError();
  llvm::StringSet<> Out;
  for (const std::string *List : {&*Diff, &*Untracked}) {
    llvm::SmallVector<llvm::StringRef, 0> Names;
    llvm::StringRef(*List).split(Names, '\0', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef N : Names)
      Out.insert(realOrSelf(TopDir + "/" + N.str()));
  }
  return std::move(Out);
}

int severityRank(llvm::StringRef S) {
  return llvm::StringSwitch<int>(S)
      .Case("critical", 4)
      .Case("high", 3)
      .Case("medium", 2)
      .Case("low", 1)
      .Case("none", 100)
      .Default(-1);
}

/// Fingerprints of an earlier scan's results (partialFingerprints "vibeguard/v1").
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s",
                                   Path.str().c_str(), Buf.getError().message().c_str());
  auto Json = vibeguard::parseJSON((*Buf)->getBuffer());
  if (!Json)
    return llvm::createStringError(std::errc::invalid_argument, "%s: invalid JSON: %s",
                                   Path.str().c_str(),
                                   llvm::toString(Json.takeError()).c_str());
  const llvm::json::Object *Log = Json->getAsObject();
  const llvm::json::Array *Runs = Log ? Log->getArray("runs") : nullptr;
  if (!Runs)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: not a SARIF log (no \"runs\" array)",
                                   Path.str().c_str());
  llvm::StringSet<> Prints;
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *R = Run.getAsObject();
    const llvm::json::Array *Results = R ? R->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (const llvm::json::Value &Res : *Results)
      if (const llvm::json::Object *O = Res.getAsObject())
        if (const llvm::json::Object *FP = O->getObject("partialFingerprints"))
          if (std::optional<llvm::StringRef> V = FP->getString("vibeguard/v1"))
            Prints.insert(*V);
  }
  return std::move(Prints);
}

/// Parses JSON text; std::nullopt when it is malformed.
std::optional<llvm::json::Value> parseJSONOrNone(llvm::StringRef Text) {
  auto Json = vibeguard::parseJSON(Text);
  if (!Json) {
    llvm::consumeError(Json.takeError());
    return std::nullopt;
  }
  return std::move(*Json);
}

std::optional<llvm::json::Value> readJSONFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return std::nullopt;
  return parseJSONOrNone((*Buf)->getBuffer());
}

/// Files the scanned TUs read: where the suppression inventory looks.
llvm::StringSet<> ReadFiles;

/// A TU's taint data (its worker's RESULT.json.taint): read only when the scan links.
struct PendingTaint {
  std::string File, Path, Digest;
  size_t Entry; ///< its compile command, in the scan's work list
};

/// Runs vibeguard-worker processes, at most Jobs at a time, each for at most Timeout
/// seconds: a crash or a hang stays in its process and is reported to Done.
class WorkerPool {
public:
  struct Job {
    std::vector<std::string> Args; ///< after the worker's path
    std::string Log;               ///< its standard output and error
    size_t Tag;
  };
  WorkerPool(std::string Worker, unsigned Jobs, unsigned Timeout)
      : Worker(std::move(Worker)), Jobs(Jobs), Timeout(Timeout) {}

  /// How a worker ended.
  struct Outcome {
    bool Started = true; ///< false: it could not be started
    int Code = 0;        ///< its exit code; negative: it crashed
    std::string Message; ///< the crash's
    bool TimedOut = false;
  };

  /// Starts what Next gives until it gives nothing (it may finish work of its own that
  /// needs no process, a cached result, before it gives a job) and waits for all of
  /// it; Done(tag, outcome) as each ends. False when Next says it failed or the scan is
  /// interrupted: the running workers are stopped first.
  bool run(llvm::function_ref<std::optional<Job>(bool &Failed)> Next,
           llvm::function_ref<void(size_t, const Outcome &)> Done) {
    struct Running {
      llvm::sys::ProcessInfo PI;
      size_t Tag;
      std::chrono::steady_clock::time_point Start;
    };
    std::vector<Running> Active;
    auto StopAll = [&] { // they write into the work directory, about to go
      for (Running &R : Active) {
        ::kill(R.PI.Pid, SIGKILL);
        llvm::sys::Wait(R.PI, std::nullopt);
      }
      return false;
    };
    bool More = true;
    while (More || !Active.empty()) {
      if (Interrupted) // before a worker killed by the same Ctrl-C counts as a crash
        return StopAll();
      while (More && Active.size() < Jobs) {
        bool Failed = false;
        std::optional<Job> J = Next(Failed);
        if (Failed || Interrupted)
          return StopAll();
        if (!J) {
          More = false;
          break;
        }
        std::vector<llvm::StringRef> Argv = {Worker};
        for (const std::string &A : J->Args)
          Argv.push_back(A);
        std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                      llvm::StringRef(J->Log),
                                                      llvm::StringRef(J->Log)};
        Running R{llvm::sys::ExecuteNoWait(Worker, Argv, std::nullopt, Redirects), J->Tag,
                  std::chrono::steady_clock::now()};
        if (R.PI.Pid == llvm::sys::ProcessInfo::InvalidPid)
          Done(J->Tag, Outcome{false, 0, "", false});
        else
          Active.push_back(R);
      }
      bool Progress = false;
      for (size_t I = 0; I < Active.size();) {
        std::string Msg;
        llvm::sys::ProcessInfo PI = llvm::sys::Wait(Active[I].PI, /*SecondsToWait=*/0u, &Msg);
        bool TimedOut = std::chrono::steady_clock::now() - Active[I].Start >
                        std::chrono::seconds(Timeout);
        if (PI.Pid == 0 && !TimedOut) { // still running
          ++I;
          continue;
        }
        if (PI.Pid == 0) { // over its time: stop it
          ::kill(Active[I].PI.Pid, SIGKILL);
          llvm::sys::Wait(Active[I].PI, std::nullopt, &Msg);
        }
        Done(Active[I].Tag, Outcome{true, PI.ReturnCode, Msg, PI.Pid == 0});
        Active.erase(Active.begin() + I);
        Progress = true;
      }
      if (!Progress && !Active.empty())
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // a waitpid per worker
    }
    return true;
  }

private:
  std::string Worker;
  unsigned Jobs, Timeout;
};

/// The pairs of source and sink kinds that some unit's taint rules ask about.
taint::KindPairs askedByUnits(const std::vector<TaintUnit> &Units) {
  return [&Units](llvm::StringRef Source, llvm::StringRef Sink) {
    for (const TaintUnit &U : Units)
      for (const auto &[Name, RO] : U.Rules)
        if (const taint::TaintRule *R = taint::findTaintRule(Name))
          if (R->takesSinkKind(Sink) && llvm::is_contained(RO.SourceKinds, Source))
            return true;
    return false;
  };
}

/// What the cross-TU link needs: the functions a flow can pass through (onFlowPaths
/// over every unit's functions, a function several units define counting once), and,
/// for those no unit holds a summary of, the unit to ask: the first, in link order,
/// that defines it.
struct LinkPlan {
  llvm::StringSet<> Needed;
  std::map<unsigned, std::vector<std::string>> Requests; ///< USRs, by unit
};

LinkPlan planLink(const std::vector<TaintUnit> &Units) {
  // No source and sink kinds that a rule pairs, no flow: nothing to build.
  uint32_t Sources = 0, Sinks = 0;
  for (const TaintUnit &U : Units)
    for (const taint::FunctionNode &F : U.Functions)
      Sources |= F.SourceKinds, Sinks |= F.SinkKinds;
  taint::KindPairs Asked = askedByUnits(Units);
  bool Paired = false;
  auto SrcKinds = taint::sourceKinds();
  for (size_t I = 0; I < SrcKinds.size() && !Paired; ++I)
    if (Sources >> I & 1)
      for (llvm::StringRef Snk : taint::sinkKinds())
        if ((Sinks & taint::kindBit(Snk)) && Asked(SrcKinds[I], Snk)) {
          Paired = true;
          break;
        }
  if (!Paired)
    return {};
  llvm::StringMap<unsigned> Index;
  std::vector<const taint::FunctionNode *> Fns;
  std::vector<unsigned> Definer;
  for (unsigned U = 0; U < Units.size(); ++U)
    for (const taint::FunctionNode &F : Units[U].Functions)
      if (Index.try_emplace(F.USR, Fns.size()).second) {
        Fns.push_back(&F);
        Definer.push_back(U);
      }
  std::vector<taint::CallGraphNode> Graph(Fns.size());
  for (size_t I = 0; I < Fns.size(); ++I) {
    Graph[I].SourceKinds = Fns[I]->SourceKinds;
    Graph[I].SinkKinds = Fns[I]->SinkKinds;
    Graph[I].Globals = Fns[I]->Globals;
    for (const std::string &C : Fns[I]->Calls)
      if (auto It = Index.find(C); It != Index.end())
        Graph[I].Callees.push_back(It->second);
  }
  std::vector<bool> On = taint::onFlowPaths(Graph, Asked);
  llvm::StringSet<> Held;
  for (const TaintUnit &U : Units)
    for (const taint::FunctionSummary &S : U.Summaries)
      Held.insert(S.USR);
  LinkPlan P;
  for (size_t I = 0; I < Fns.size(); ++I) {
    if (!On[I])
      continue;
    P.Needed.insert(Fns[I]->USR);
    if (!Held.contains(Fns[I]->USR))
      P.Requests[Definer[I]].push_back(Fns[I]->USR);
  }
  return P;
}

/// Orders \p Units as the link reads them, whatever order their workers finished in
/// (shards, cache hits): by file, then digest (one file compiled twice).
void sortUnits(std::vector<TaintUnit> &Units) {
  std::stable_sort(Units.begin(), Units.end(), [](const TaintUnit &A, const TaintUnit &B) {
    return std::tie(A.File, A.Digest) < std::tie(B.File, B.Digest);
  });
}

/// Decides, while the workers run, whether the rest of them should summarize every
/// function of their TU at once: yes as soon as the link is known to need summaries
/// that the TUs done so far did not compute (input flows through the program; asking
/// for them later would parse those TUs again). Until then each worker summarizes
/// what its own rules need (and everything in a TU with a source: AllWhenSources), and
/// a library whose code no input reaches is never summarized further. Each look is a
/// pass over every function seen: after 1, 2, 4, 8 ... TUs and every twentieth of them.
class EagerSummaries {
public:
  explicit EagerSummaries(size_t Total) : Step(std::max<size_t>(1, Total / 20)) {}
  bool on() const { return On; }
  void add(const PendingTaint &P) {
    if (On)
      return;
    auto Buf = llvm::MemoryBuffer::getFile(P.Path);
    if (!Buf)
      return;
    llvm::Expected<TaintUnit> U = readTaintUnit((*Buf)->getBuffer(), P.File, P.Path, P.Digest);
    if (!U) {
      llvm::consumeError(U.takeError());
      return;
    }
    Units.push_back(std::move(*U));
    size_t N = Units.size();
    if ((N & (N - 1)) == 0 || N % Step == 0)
      On = !planLink(Units).Requests.empty();
  }
  /// The units read so far, by digest (the link reads each unit once).
  std::vector<TaintUnit> take() { return std::move(Units); }

private:
  size_t Step;
  bool On = false;
  std::vector<TaintUnit> Units;
};

Location readLocation(const llvm::json::Object &L) {
  return Location{L.getString("file").value_or("").str(),
                  static_cast<unsigned>(L.getInteger("line").value_or(0)),
                  static_cast<unsigned>(L.getInteger("column").value_or(0)),
                  L.getString("message").value_or("").str()};
}

void readFindings(const llvm::json::Array &Findings, ScanResult &R) {
  for (const llvm::json::Value &V : Findings) {
    const llvm::json::Object *F = V.getAsObject();
    if (!F)
      continue;
    Finding Out{F->getString("rule").value_or("").str(),
                F->getString("message").value_or("").str(), readLocation(*F), {}, ""};
    if (const llvm::json::Array *Notes = F->getArray("notes"))
      for (const llvm::json::Value &N : *Notes)
        if (const llvm::json::Object *NO = N.getAsObject())
          Out.Notes.push_back(readLocation(*NO));
    R.Findings.push_back(std::move(Out));
  }
}

/// A finding as a worker writes it (readFindings reads it).
llvm::json::Value findingJSON(const Finding &F) {
  auto Loc = [](const Location &L) {
    return llvm::json::Object{
        {"file", L.File}, {"line", L.Line}, {"column", L.Column}, {"message", L.Message}};
  };
  llvm::json::Object O = Loc(F.Where);
  O["rule"] = F.Rule;
  O["message"] = F.Message;
  llvm::json::Array Notes;
  for (const Location &N : F.Notes)
    Notes.push_back(Loc(N));
  O["notes"] = std::move(Notes);
  return O;
}

/// Adds a worker's result to \p R; its taint data, at \p TaintPathOf(digest), to
/// \p Pending. False if it is malformed or its taint data is missing or (\p Verify: a
/// cache entry) not of the size the result says (a damaged entry is a miss; hashing
/// megabytes of summaries would cost a warm re-scan more than the rest of it).
bool readResult(const llvm::json::Value &Json, ScanResult &R, std::string &CompileError,
                llvm::function_ref<std::string(llvm::StringRef)> TaintPathOf,
                std::vector<PendingTaint> &Pending, size_t Entry, bool Verify = false) {
  const llvm::json::Object *O = Json.getAsObject();
  const llvm::json::Array *Findings = O ? O->getArray("findings") : nullptr;
  if (!Findings)
    return false;
  if (std::optional<llvm::StringRef> Digest = O->getString("taintDigest")) {
    std::string TaintPath = TaintPathOf(*Digest);
    uint64_t Size = 0;
    if (llvm::sys::fs::file_size(TaintPath, Size) ||
        (Verify && int64_t(Size) != O->getInteger("taintBytes").value_or(-1)))
      return false;
    Pending.push_back({O->getString("file").value_or("").str(), TaintPath, Digest->str(),
                       Entry});
  }
  if (const llvm::json::Array *Deps = O->getArray("dependencies"))
    for (const llvm::json::Value &D : *Deps)
      if (std::optional<llvm::StringRef> S = D.getAsString())
        ReadFiles.insert(*S);
  if (const llvm::json::Array *Said = O->getArray("configWarnings"))
    for (const llvm::json::Value &W : *Said)
      if (std::optional<llvm::StringRef> S = W.getAsString())
        R.ConfigWarnings.push_back(S->str() + " [clang-tidy-config]"); // once: finalize
  readFindings(*Findings, R);
  if (const llvm::json::Array *Errors = O->getArray("compileErrors"); Errors && !Errors->empty())
    if (const llvm::json::Object *E = (*Errors)[0].getAsObject())
      CompileError = (llvm::Twine(E->getString("message").value_or("")) + " (line " +
                      llvm::Twine(E->getInteger("line").value_or(0)) + ")")
                         .str();
  return true;
}

/// Reads the pending taint files into \p R's units, in a fixed order (file, then
/// digest: the same file compiled twice with other flags). A file that cannot be read
/// (a damaged cache entry) makes its TU a failure, and is removed so that the next
/// scan analyses the TU again; the link goes on without it.
void loadTaint(std::vector<PendingTaint> Pending, ScanResult &R,
               std::vector<TaintUnit> Read = {}) {
  llvm::sort(Pending, [](const PendingTaint &A, const PendingTaint &B) {
    return std::tie(A.File, A.Digest) < std::tie(B.File, B.Digest);
  });
  llvm::StringMap<TaintUnit *> Known;
  for (TaintUnit &U : Read)
    Known[U.File + '\n' + U.Digest] = &U;
  for (const PendingTaint &P : Pending) {
    if (TaintUnit *U = Known.lookup(P.File + '\n' + llvm::StringRef(P.Digest).upper())) {
      R.Taint.push_back(std::move(*U));
      continue;
    }
    auto Buf = llvm::MemoryBuffer::getFile(P.Path);
    llvm::Expected<TaintUnit> Unit =
        Buf ? readTaintUnit((*Buf)->getBuffer(), P.File, P.Path, P.Digest)
            : llvm::Expected<TaintUnit>(llvm::createStringError(
                  Buf.getError(), "%s: cannot read: %s", P.Path.c_str(),
                  Buf.getError().message().c_str()));
    if (!Unit) {
      R.Failures.push_back({P.File, "its summaries are unreadable (" +
                                        llvm::toString(Unit.takeError()) +
                                        "); the cross-file link went on without them"});
      llvm::sys::fs::remove(P.Path);
      continue;
    }
    R.Taint.push_back(std::move(*Unit));
  }
}

/// Content hashes, each file read once per scan ("" when it cannot be read).
class ContentHashes {
public:
  const std::string &of(llvm::StringRef Path) {
    auto [It, New] = Hashes.try_emplace(Path);
    if (New)
      if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                 /*RequiresNullTerminator=*/false))
        It->second = sha256Hex((*Buf)->getBuffer()); // OpenSSL's: 10x LLVM's speed
    return It->second;
  }

private:
  llvm::StringMap<std::string> Hashes;
};

/// The .clang-tidy files in \p File's directory and every directory above it, nearest
/// first (clang-tidy reads the nearest, and the ones above while each inherits).
std::vector<std::string> clangTidyFilesAbove(llvm::StringRef File) {
  std::vector<std::string> Found;
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (llvm::sys::fs::exists(Config))
      Found.push_back(std::string(Config));
    if (Dir == llvm::sys::path::root_path(Dir))
      break;
  }
  return Found;
}

/// What a TU's result depends on besides the headers it reads: the worker binary, the
/// command, the checks and the .clang-tidy files from its directory up.
std::string cacheKey(const scan::CompileEntry &E, const std::string &WorkerHash,
                     const ScanOptions &O, ContentHashes &Hashes) {
  std::string Key = std::string(VIBEGUARD_VERSION) + '\0' + WorkerHash + '\0' + O.Checks +
                    '\0' + O.HeaderFilter + '\0' + E.Directory + '\0' + E.File + '\0' +
                    Hashes.of(E.File);
  for (const std::string &A : E.Arguments)
    Key += '\0' + A;
  for (const std::string &M : O.Models)
    Key += std::string("\0model\0", 7) + M + '\0' + Hashes.of(M);
  for (const std::string &Config : clangTidyFilesAbove(E.File))
    Key += '\0' + Config + '\0' + Hashes.of(Config);
  return sha256Hex(Key);
}

/// A cached result whose recorded dependencies all still have the same contents.
std::optional<llvm::json::Value> cachedResult(llvm::StringRef Manifest, ContentHashes &Hashes) {
  std::optional<llvm::json::Value> M = readJSONFile(Manifest);
  llvm::json::Object *O = M ? M->getAsObject() : nullptr;
  const llvm::json::Object *Deps = O ? O->getObject("dependencies") : nullptr;
  llvm::json::Value *Result = O ? O->get("result") : nullptr;
  if (!Deps || !Result)
    return std::nullopt;
  for (const auto &[Path, Hash] : *Deps)
    if (Hash.getAsString() != llvm::StringRef(Hashes.of(Path.str())))
      return std::nullopt;
  return std::move(*Result);
}

/// Where the cache in \p Dir keeps taint data of digest \p Digest: named by content, so
/// scans sharing a cache never overwrite one another's.
std::string taintCacheOf(llvm::StringRef Dir, llvm::StringRef Digest) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "taint-" + Digest.lower() + ".json");
  return std::string(P);
}

/// The last non-empty line of a worker's log, for a failure's reason.
std::string lastLine(llvm::StringRef Log) {
  auto Buf = llvm::MemoryBuffer::getFile(Log);
  if (!Buf)
    return "";
  llvm::StringRef T = (*Buf)->getBuffer().rtrim();
  return T.substr(T.rfind('\n') + 1).trim().str();
}

bool writeAtomically(llvm::StringRef Path, llvm::StringRef Text, std::string &Err) {
  Err = writeFileAtomically(Path, Text);
  return Err.empty();
}

/// Whether a NOLINT on \p Line of \p File, or a NOLINTNEXTLINE on the line before,
/// reaches \p Rule (the suppression inventory's parser reads the comments).
bool suppressedAt(llvm::StringRef File, unsigned Line, llvm::StringRef Rule) {
  auto Buf = llvm::MemoryBuffer::getFile(File);
  if (!Buf)
    return false;
  auto Names = [&](const Suppression &S) {
    if (S.Checks.empty())
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    llvm::StringRef(S.Checks).split(Globs, ',');
    for (llvm::StringRef G : Globs)
      if (auto P = llvm::GlobPattern::create(G.trim()); P && P->match(Rule))
        return true;
    return false;
  };
  // NOLINTBEGIN(checks) ... NOLINTEND(checks), paired over the whole file as clang-tidy
  // pairs them: an END closes the innermost open BEGIN if their texts are the same. A
  // marker left unpaired (clang-tidy reports it as an error) suppresses nothing.
  std::vector<const Suppression *> Open;
  std::vector<Suppression> All = findSuppressions((*Buf)->getBuffer(), File, /*WithEnds=*/true);
  for (const Suppression &S : All) {
    if ((S.Kind == "NOLINT" && S.Line == Line) ||
        (S.Kind == "NOLINTNEXTLINE" && S.Line + 1 == Line))
      if (Names(S))
        return true;
    if (S.Kind == "NOLINTBEGIN") {
      Open.push_back(&S);
    } else if (S.Kind == "NOLINTEND" && !Open.empty() && Open.back()->Checks == S.Checks) {
      if (Open.back()->Line <= Line && Line <= S.Line && Names(*Open.back()))
        return true;
      Open.pop_back();
    }
  }
  return false;
}

/// The cross-TU link: joins the TUs' summaries (of the functions a flow can pass
/// through, planLink) and adds the flows the TUs alone could not see (a source in one
/// file, the sink in another), worded as the TU's taint rules word them, each with its
/// full trace. A flow a worker already reported (same rule, same place) is not
/// repeated. Sinks in headers the header filter excludes, and sinks under a NOLINT,
/// NOLINTNEXTLINE or NOLINTBEGIN for the rule, are not reported.
void linkAcrossUnits(ScanResult &R, const llvm::Regex &HeaderFilter,
                     const llvm::StringSet<> &MainFiles) {
  sortUnits(R.Taint);
  // The summaries of the functions a flow can pass through move into the link (a scan
  // that links embeds none): the same flows as all of them would give.
  LinkPlan Plan = planLink(R.Taint);
  std::vector<taint::FunctionSummary> Sums;
  std::vector<unsigned> UnitOf;
  llvm::StringSet<> Seen;
  for (unsigned U = 0; U < R.Taint.size(); ++U) {
    for (taint::FunctionSummary &S : R.Taint[U].Summaries) {
      if (!Plan.Needed.contains(S.USR) || !Seen.insert(S.USR).second)
        continue; // not on a flow; or an inline function of a header, in every TU
      Sums.push_back(std::move(S));
      UnitOf.push_back(U);
    }
    R.Taint[U].Summaries.clear();
  }
  if (Sums.empty())
    return;
  std::vector<taint::Flow> Flows = taint::link(Sums);
  std::set<std::tuple<std::string, std::string, unsigned, unsigned>> Reported;
  for (const Finding &F : R.Findings)
    Reported.insert({F.Rule, F.Where.File, F.Where.Line, F.Where.Column});
  // By TU: the rules it ran and their options apply to the sinks in its functions.
  std::map<unsigned, std::vector<taint::Flow>> ByUnit;
  for (taint::Flow &F : Flows)
    ByUnit[UnitOf[F.SinkSummary]].push_back(std::move(F));
  for (auto &[U, UnitFlows] : ByUnit) {
    for (const auto &[Name, RO] : R.Taint[U].Rules) {
      const taint::TaintRule *Rule = taint::findTaintRule(Name);
      if (!Rule)
        continue;
      for (const taint::Flow *F : Rule->select(UnitFlows, RO)) {
        const taint::Step &Sink = F->Sink.Where;
        if (!MainFiles.contains(Sink.File) && !HeaderFilter.match(Sink.File))
          continue;
        if (!Reported.insert({Name, Sink.File, Sink.Line, Sink.Column}).second)
          continue;
        if (suppressedAt(Sink.File, Sink.Line, Name))
          continue;
        Finding Out{Name, Rule->message(*F), {Sink.File, Sink.Line, Sink.Column, ""},
                    {}, ""};
        for (size_t I = 0; I + 1 < F->Steps.size(); ++I)
          Out.Notes.push_back({F->Steps[I].File, F->Steps[I].Line, F->Steps[I].Column,
                               F->Steps[I].Message});
        R.Findings.push_back(std::move(Out));
      }
    }
  }
}

/// Before the link: the summaries it needs that no worker computed (a TU whose own
/// rules did not need them, EagerSummaries not yet on) are asked of the TUs' workers,
/// exactly those. A worker that fails makes its TU a failure; the link goes on
/// without its summaries. False when a job file cannot be written.
bool askForSummaries(ScanResult &Result, const std::vector<PendingTaint> &Pending,
                     const std::vector<scan::CompileEntry> &Work, WorkerPool &Pool,
                     const ScanOptions &O,
                     llvm::function_ref<std::string(size_t, llvm::StringRef)> Paths,
                     llvm::function_ref<bool(const scan::CompileEntry &, llvm::StringRef)>
                         WriteJob) {
  sortUnits(Result.Taint);
  LinkPlan Plan = planLink(Result.Taint);
  if (Plan.Requests.empty())
    return true;
  std::map<std::string, size_t> EntryOf; // by taint digest
  for (const PendingTaint &P : Pending)
    EntryOf[llvm::StringRef(P.Digest).upper()] = P.Entry;
  std::vector<std::pair<unsigned, std::vector<std::string>>> Asks(Plan.Requests.begin(),
                                                                  Plan.Requests.end());
  size_t Count = 0;
  for (const auto &A : Asks)
    Count += A.second.size();
  llvm::errs() << "vibeguard: the cross-file link needs " << Count
               << " more function summaries from " << Asks.size()
               << " translation unit(s)\n";
  auto Base = [&](size_t Tag) {
    return Paths(EntryOf[Result.Taint[Asks[Tag].first].Digest], ".link");
  };
  size_t NextAsk = 0;
  auto Next = [&](bool &Failed) -> std::optional<WorkerPool::Job> {
    if (NextAsk >= Asks.size())
      return std::nullopt;
    size_t Tag = NextAsk++;
    std::string B = Base(Tag), Err;
    if (!WriteJob(Work[EntryOf[Result.Taint[Asks[Tag].first].Digest]], B + ".job.json") ||
        !writeAtomically(B + ".usrs", llvm::join(Asks[Tag].second, "\n") + "\n", Err)) {
      if (!Err.empty())
        llvm::errs() << "vibeguard: error: " << Err << "\n";
      Failed = true;
      return std::nullopt;
    }
    WorkerPool::Job J{{"--job", B + ".job.json", "--out", B + ".json", "--checks", O.Checks,
                       "--header-filter", O.HeaderFilter, "--summaries-for", B + ".usrs"},
                      B + ".log",
                      Tag};
    for (const std::string &M : O.Models) {
      J.Args.push_back("--model");
      J.Args.push_back(M);
    }
    return J;
  };
  return Pool.run(Next, [&](size_t Tag, const WorkerPool::Outcome &Out) {
    TaintUnit &Unit = Result.Taint[Asks[Tag].first];
    std::string B = Base(Tag), Why;
    std::vector<taint::FunctionSummary> More;
    if (!Out.Started)
      Why = "could not start the worker";
    else if (Out.TimedOut)
      Why = "timed out after " + std::to_string(O.Timeout) + " s";
    else if (Out.Code != 0)
      Why = (Out.Code < 0 ? "worker crashed" : "worker exited with " + std::to_string(Out.Code)) +
            (lastLine(B + ".log").empty() ? "" : ": " + lastLine(B + ".log"));
    else if (auto Text = llvm::MemoryBuffer::getFile(B + ".json.taint"); !Text)
      Why = "worker wrote no summaries";
    else if (llvm::Error E = taint::summariesFromText((*Text)->getBuffer(), B + ".json.taint",
                                                      More))
      Why = llvm::toString(std::move(E));
    if (!Why.empty()) {
      Result.Failures.push_back(
          {Unit.File, "the cross-file link could not get its summaries (" + Why + ")"});
      return;
    }
    // In the order of the TU's functions, as its worker would have written them.
    llvm::StringMap<unsigned> Order;
    for (unsigned I = 0; I < Unit.Functions.size(); ++I)
      Order.try_emplace(Unit.Functions[I].USR, I);
    for (taint::FunctionSummary &S : More)
      Unit.Summaries.push_back(std::move(S));
    std::stable_sort(Unit.Summaries.begin(), Unit.Summaries.end(),
                     [&](const taint::FunctionSummary &A, const taint::FunctionSummary &B) {
                       return Order.lookup(A.USR) < Order.lookup(B.USR);
                     });
  });
}

} // namespace

int vibeguard::runScan(llvm::ArrayRef<const char *> Args) {
  ScanOptions O;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--help" || A == "-h") {
      llvm::outs() << ScanUsage;
      return 0;
    }
    llvm::StringRef Name = A, Value;
    bool Inline = A.starts_with("--") && A.contains('=');
    if (Inline)
      std::tie(Name, Value) = A.split('=');
    if (A.starts_with("-j") && A.size() > 2) // -j8, as make and ninja take it
      Name = "-j", Value = A.drop_front(2), Inline = true;
    auto Take = [&](std::string &To) {
      if (!Inline) {
        if (I + 1 >= Args.size())
          return false;
        Value = Args[++I];
      }
      To = Value.str();
      return true;
    };
    std::string Tmp;
    if (Name == "-p" || Name == "--format" || Name == "-o" || Name == "--checks" ||
        Name == "--source-root" || Name == "--baseline" || Name == "--fail-on" ||
        Name == "--docs-base-uri" || Name == "--sarif-output" || Name == "--shard" ||
        Name == "-j" || Name == "--changed-since" ||
        Name == "--timeout" || Name == "--model" ||
        Name == "--include" || Name == "--exclude") {
      if (!Take(Tmp))
        return usageError("option '" + Name + "' needs a value");
      if (Name == "-p")
        O.Database = Tmp;
      else if (Name == "--format")
        O.Format = Tmp;
      else if (Name == "-o")
        O.Output = Tmp;
      else if (Name == "--checks")
        O.Checks = Tmp;
      else if (Name == "--source-root")
        O.SourceRoot = Tmp;
      else if (Name == "--baseline")
        O.Baseline = Tmp;
      else if (Name == "--fail-on")
        O.FailOn = Tmp;
      else if (Name == "--docs-base-uri")
        O.DocsBaseUri = Tmp;
      else if (Name == "--sarif-output")
        O.SarifOutput = Tmp;
      else if (Name == "--shard") {
        auto [K, N] = llvm::StringRef(Tmp).split('/');
        if (K.getAsInteger(10, O.ShardIndex) || N.getAsInteger(10, O.ShardCount) ||
            O.ShardCount == 0 || O.ShardIndex == 0 || O.ShardIndex > O.ShardCount)
          return usageError("option '--shard' needs K/N with 1 <= K <= N, not '" + Tmp + "'");
      }
      else if (Name == "--changed-since")
        O.ChangedSince = Tmp;
      else if (Name == "--include")
        O.Include.push_back(Tmp);
      else if (Name == "--model")
        O.Models.push_back(Tmp);
      else if (Name == "--exclude")
        O.Exclude.push_back(Tmp);
      else if (llvm::StringRef(Tmp).getAsInteger(10, Name == "-j" ? O.Jobs : O.Timeout) ||
               (Name == "--timeout" && O.Timeout == 0))
        return usageError("option '" + Name + "' needs a positive number, not '" + Tmp + "'");
      continue;
    }
    if (A == "--no-cache") {
      O.Cache = false;
      continue;
    }
    if (Name == "--cache-dir" || Name == "--header-filter") {
      if (!Take(Tmp))
        return usageError("option '" + Name + "' needs a value");
      (Name == "--cache-dir" ? O.CacheDir : O.HeaderFilter) = Tmp;
      continue;
    }
    if (A.starts_with("-"))
      return usageError("unknown option '" + A + "' for 'vibeguard scan'");
    if (!O.Database.empty())
      return usageError("more than one compile database given");
    O.Database = A.str();
  }
  if (O.Database.empty())
    return usageError("no compile database given");
  if (O.Format != "sarif" && O.Format != "json" && O.Format != "text" &&
      O.Format != "gitlab-sast")
    return usageError("unknown format '" + O.Format + "'; use sarif, json, text or gitlab-sast");
  int Threshold = severityRank(O.FailOn);
  if (Threshold < 0)
    return usageError("unknown --fail-on level '" + O.FailOn + "'");
  // Where the results go must exist before hours of work, not after.
  for (const std::string *Out : {&O.Output, &O.SarifOutput}) {
    if (Out->empty())
      continue;
    llvm::StringRef Dir = llvm::sys::path::parent_path(*Out);
    if (!Dir.empty() && !llvm::sys::fs::is_directory(Dir))
      return usageError("cannot write '" + *Out + "': no directory '" + Dir + "'");
    if (llvm::sys::fs::is_directory(*Out))
      return usageError("cannot write '" + *Out + "': it is a directory");
  }
  {
    // A typo in --checks would otherwise give a green scan that ran nothing.
    std::vector<std::string> Unmatched;
    std::vector<std::string> Selected = selectedRules(O.Checks, Unmatched);
    for (const std::string &G : Unmatched)
      llvm::errs() << "vibeguard: warning: --checks: '" << G
                   << "' matches no vibeguard rule ('vibeguard rules' lists them)\n";
    if (Selected.empty())
      return usageError("--checks '" + O.Checks +
                        "' selects no vibeguard rule ('vibeguard rules' lists them)");
  }
  std::vector<llvm::GlobPattern> Includes, Excludes;
  for (auto [From, To] : {std::pair{&O.Include, &Includes}, std::pair{&O.Exclude, &Excludes}})
    for (const std::string &G : *From) {
      auto P = llvm::GlobPattern::create(G);
      if (!P)
        return usageError("bad glob '" + G + "': " + llvm::toString(P.takeError()));
      To->push_back(std::move(*P));
    }

  std::string RegexErr;
  llvm::Regex HeaderFilter(O.HeaderFilter);
  if (!HeaderFilter.isValid(RegexErr))
    return usageError("bad --header-filter '" + O.HeaderFilter + "': " + RegexErr);
  for (std::string &M : O.Models) {
    // Checked here, once: a bad model is a configuration error, not a failure per TU.
    auto Model = taint::TaintModel::readFile(M);
    if (!Model) {
      llvm::errs() << "vibeguard: error: " << llvm::toString(Model.takeError()) << "\n";
      return ExitUsage;
    }
    llvm::SmallString<256> Abs(M);
    llvm::sys::fs::make_absolute(Abs);
    M = std::string(Abs);
  }

  auto DB = scan::loadCompileDatabase(O.Database);
  if (!DB) {
    llvm::errs() << "vibeguard: error: " << llvm::toString(DB.takeError()) << "\n";
    return ExitUsage;
  }
  llvm::StringSet<> Baseline;
  if (!O.Baseline.empty()) {
    auto B = readBaseline(O.Baseline);
    if (!B) {
      llvm::errs() << "vibeguard: error: " << llvm::toString(B.takeError()) << "\n";
      return ExitUsage;
    }
    Baseline = std::move(*B);
  }

  ScanResult Result;
  llvm::SmallString<256> Root(O.SourceRoot);
  llvm::sys::fs::make_absolute(Root);
  llvm::sys::path::remove_dots(Root, true);
  Result.SourceRoot = std::string(Root);
  Result.DocsBaseUri = O.DocsBaseUri.empty()
                           ? "file://" VIBEGUARD_SOURCE_DIR "/docs/checks/"
                           : O.DocsBaseUri;
  if (!llvm::StringRef(Result.DocsBaseUri).ends_with("/"))
    Result.DocsBaseUri += "/";
  Result.Skipped = DB->Skipped;

  std::vector<scan::CompileEntry> Work;
  for (scan::CompileEntry &E : DB->Entries) {
    std::string Rel = relativePath(E.File, Result.SourceRoot);
    if (!Includes.empty() && llvm::none_of(Includes, [&](auto &G) { return G.match(Rel); }))
      continue;
    if (llvm::any_of(Excludes, [&](auto &G) { return G.match(Rel); }))
      continue;
    Work.push_back(E);
  }
  if (O.ShardCount > 1) {
    // A fixed order (file, directory, arguments), so every shard of every CI job cuts
    // the same slices whatever order the database lists its entries in.
    auto Key = [](const scan::CompileEntry &E) {
      return std::make_tuple(E.File, E.Directory, E.Arguments);
    };
    std::sort(Work.begin(), Work.end(),
              [&](const auto &A, const auto &B) { return Key(A) < Key(B); });
    std::vector<scan::CompileEntry> Slice;
    for (size_t I = 0; I != Work.size(); ++I)
      if (I % O.ShardCount == O.ShardIndex - 1)
        Slice.push_back(std::move(Work[I]));
    Work = std::move(Slice);
  }
  Result.TranslationUnits = Work.size();

  // Workers live beside this binary.
  std::string Self = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  llvm::SmallString<256> Worker(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Worker, "vibeguard-worker");
  if (!llvm::sys::fs::can_execute(Worker)) {
    llvm::errs() << "vibeguard: error: " << Worker << ": worker not found\n";
    return ExitUsage;
  }
  // The .clang-tidy files the TUs read, checked with clang-tidy's parser before any
  // work: clang-tidy ignores one it cannot read (with a message) and goes on with its
  // defaults, which in CI would be a scan of other rules than the project asked for.
  // The worker, which has the parser, walks up from each TU's directory as clang-tidy
  // does; it is asked only when some .clang-tidy is on the way.
  {
    std::vector<std::string> Dirs;
    llvm::StringSet<> SeenDirs;
    bool AnyConfig = false;
    for (const scan::CompileEntry &E : Work) {
      llvm::StringRef Top = llvm::sys::path::parent_path(E.File);
      if (Top.empty() || !SeenDirs.insert(Top).second)
        continue;
      Dirs.push_back(Top.str());
      AnyConfig = AnyConfig || !clangTidyFilesAbove(E.File).empty();
    }
    if (AnyConfig) {
      llvm::sort(Dirs);
      llvm::SmallString<128> Out;
      if (std::error_code EC = llvm::sys::fs::createTemporaryFile("vibeguard-config", "txt", Out)) {
        llvm::errs() << "vibeguard: error: cannot create a temporary file: " << EC.message()
                     << "\n";
        return ExitUsage;
      }
      std::vector<llvm::StringRef> Argv{Worker, "--check-config"};
      for (const std::string &D : Dirs)
        Argv.push_back(D);
      std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                    std::nullopt};
      int RC = llvm::sys::ExecuteAndWait(Worker, Argv, std::nullopt, Redirects);
      auto Said = llvm::MemoryBuffer::getFile(Out);
      llvm::sys::fs::remove(Out);
      if (RC != 0) {
        llvm::SmallVector<llvm::StringRef, 4> Lines;
        if (Said)
          (*Said)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
        for (llvm::StringRef L : Lines)
          llvm::errs() << "vibeguard: error: " << L << "\n";
        if (Lines.empty())
          llvm::errs() << "vibeguard: error: the worker could not check the .clang-tidy "
                          "files (exit "
                       << RC << ")\n";
        return ExitUsage;
      }
    }
  }
  ContentHashes Hashes;
  std::string WorkerHash, CacheDir;
  unsigned CacheHits = 0;
  if (O.Cache) {
    WorkerHash = Hashes.of(Worker);
    llvm::SmallString<256> Dir(O.CacheDir);
    if (Dir.empty()) {
      Dir = llvm::sys::path::parent_path(DB->Path);
      llvm::sys::path::append(Dir, ".vibeguard-cache");
    }
    if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
      llvm::errs() << "vibeguard: error: " << Dir << ": cannot create the cache: "
                   << EC.message() << "\n";
      return ExitUsage;
    }
    CacheDir = std::string(Dir);
  }
  std::map<const scan::CompileEntry *, std::string> Manifests;
  auto ManifestOf = [&](const scan::CompileEntry &E) -> const std::string & {
    std::string &M = Manifests[&E];
    if (M.empty()) {
      llvm::SmallString<256> P(CacheDir);
      llvm::sys::path::append(P, cacheKey(E, WorkerHash, O, Hashes) + ".json");
      M = std::string(P);
    }
    return M;
  };

  llvm::SmallString<128> Tmp;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("vibeguard-scan", Tmp)) {
    llvm::errs() << "vibeguard: error: cannot create a work directory: " << EC.message() << "\n";
    return ExitUsage;
  }
  // Gone however the scan ends (an error in the middle included).
  auto RemoveTmp = llvm::make_scope_exit([&] { llvm::sys::fs::remove_directories(Tmp); });

  unsigned Jobs = O.Jobs ? O.Jobs : llvm::hardware_concurrency().compute_thread_count();
  WorkerPool Pool(std::string(Worker), Jobs, O.Timeout);
  std::vector<PendingTaint> Pending; // the TUs' taint data, for the link
  uint64_t PeakKiB = 0; // the largest worker's resident set
  std::string PeakFile;
  size_t Next = 0, Done = 0;
  bool Tty = llvm::sys::Process::StandardErrIsDisplayed();
  llvm::sys::SetInterruptFunction(onInterrupt);
  // The pool stopped: interrupted (the work directory goes with the return), or an
  // error already said.
  auto Stopped = [&] {
    if (!Interrupted)
      return ExitUsage;
    llvm::errs() << (Tty ? "\n" : "") << "vibeguard: interrupted after " << Done << " of "
                 << Work.size() << " translation units"
                 << (O.Cache ? "; those that finished are cached: the same scan resumes"
                               " from them"
                             : "")
                 << "\n";
    return ExitInterrupted;
  };
  auto Paths = [&](size_t I, llvm::StringRef Ext) {
    llvm::SmallString<256> P(Tmp);
    llvm::sys::path::append(P, std::to_string(I) + Ext);
    return std::string(P);
  };
  // The worker's job file: one compile command.
  auto WriteJob = [&](const scan::CompileEntry &E, llvm::StringRef Job) {
    llvm::json::Array A;
    for (const std::string &S : E.Arguments)
      A.push_back(S);
    std::string Err;
    if (writeAtomically(Job,
                        llvm::formatv("{0}", llvm::json::Value(llvm::json::Object{
                                                 {"directory", E.Directory},
                                                 {"file", E.File},
                                                 {"arguments", std::move(A)}}))
                            .str(),
                        Err))
      return true;
    llvm::errs() << "vibeguard: error: " << Err << "\n";
    return false;
  };
  if (!O.ChangedSince.empty()) {
    // A TU is affected when its main file changed or when the preprocessor, run alone
    // (a fraction of a parse), shows it reading a changed file.
    auto Changed = changedFiles(Result.SourceRoot, O.ChangedSince, Tmp);
    if (!Changed) {
      llvm::errs() << "vibeguard: error: " << llvm::toString(Changed.takeError()) << "\n";
      return ExitUsage;
    }
    std::vector<char> Affected(Work.size(), 0);
    unsigned FromCache = 0; // TUs whose dependencies came from the cache
    std::vector<std::pair<llvm::sys::ProcessInfo, size_t>> Probes;
    auto Finish = [&](std::pair<llvm::sys::ProcessInfo, size_t> &P) {
      std::string Err;
      llvm::sys::ProcessInfo Done = llvm::sys::Wait(P.first, std::nullopt, &Err);
      std::optional<llvm::json::Value> Json =
          Done.ReturnCode == 0 ? readJSONFile(Paths(P.second, ".deps.json")) : std::nullopt;
      const llvm::json::Object *JO = Json ? Json->getAsObject() : nullptr;
      const llvm::json::Array *Deps = JO ? JO->getArray("dependencies") : nullptr;
      // A TU that no longer preprocesses (a header it needs was removed) is affected.
      if (!Deps || JO->getString("status") != llvm::StringRef("ok")) {
        Affected[P.second] = 1; // unknown: analyse it
        return;
      }
      for (const llvm::json::Value &D : *Deps)
        if (std::optional<llvm::StringRef> S = D.getAsString(); S && Changed->contains(*S))
          Affected[P.second] = 1;
    };
    for (size_t I = 0; I != Work.size(); ++I) {
      const scan::CompileEntry &E = Work[I];
      if (Changed->contains(realOrSelf(E.File))) {
        Affected[I] = 1;
        continue;
      }
      // An earlier scan of this TU recorded the files it read: no preprocessing needed.
      if (O.Cache)
        if (std::optional<llvm::json::Value> M = readJSONFile(ManifestOf(E))) {
          const llvm::json::Object *MO = M->getAsObject();
          if (const llvm::json::Object *Deps = MO ? MO->getObject("dependencies") : nullptr) {
            // Reading a changed file makes the TU affected whatever else it read; not
            // reading one proves nothing unless the recorded files are still as they
            // were (the include set could have changed since the manifest was written).
            bool ReadsChanged = false, Current = true;
            for (const auto &KV : *Deps) {
              ReadsChanged |= Changed->contains(KV.first.str());
              std::optional<llvm::StringRef> H = KV.second.getAsString();
              Current &= H && *H == Hashes.of(KV.first.str());
            }
            if (ReadsChanged || Current) {
              ++FromCache;
              Affected[I] = ReadsChanged;
              continue;
            }
          }
        }
      std::string Job = Paths(I, ".deps-job.json");
      if (!WriteJob(E, Job)) {
        for (auto &P : Probes) { // they write into the work directory, about to go
          ::kill(P.first.Pid, SIGKILL);
          llvm::sys::Wait(P.first, std::nullopt);
        }
        return ExitUsage;
      }
      std::string Out = Paths(I, ".deps.json");
      llvm::StringRef Argv[] = {Worker, "--job", Job, "--out", Out, "--deps-only"};
      std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                    llvm::StringRef("")};
      Probes.emplace_back(llvm::sys::ExecuteNoWait(Worker, Argv, std::nullopt, Redirects), I);
      if (Probes.back().first.Pid == llvm::sys::ProcessInfo::InvalidPid) {
        Affected[I] = 1;
        Probes.pop_back();
      }
      if (Probes.size() >= Jobs) {
        Finish(Probes.front());
        Probes.erase(Probes.begin());
      }
    }
    for (auto &P : Probes)
      Finish(P);
    std::vector<scan::CompileEntry> Kept;
    for (size_t I = 0; I != Work.size(); ++I)
      if (Affected[I])
        Kept.push_back(std::move(Work[I]));
    llvm::errs() << "vibeguard: changed since " << O.ChangedSince << ": " << Changed->size()
                 << " file(s); " << Kept.size() << " of " << Work.size()
                 << " translation unit(s) read one of them (dependencies of " << FromCache
                 << " from the cache)\n";
    Work = std::move(Kept);
    Manifests.clear(); // by entry, and the entries moved
    Result.TranslationUnits = Work.size();
  }
  auto ScanStart = std::chrono::steady_clock::now();
  std::string StartTime = utcNow("%Y-%m-%dT%H:%M:%S");
  // On a terminal a bar that redraws; otherwise a line at every tenth of the work.
  auto Progress = [&] {
    if (!Tty && !(Work.size() >= 10 && Done % std::max<size_t>(1, Work.size() / 10) == 0))
      return;
    double Elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                   ScanStart)
                         .count();
    unsigned Eta = Done ? unsigned(Elapsed / Done * (Work.size() - Done)) : 0;
    std::string Line = (llvm::Twine(Done) + "/" + llvm::Twine(Work.size()) + " TUs, " +
                        llvm::Twine(Result.Findings.size()) + " findings, ETA " +
                        llvm::Twine(Eta / 60) + "m" + llvm::Twine(Eta % 60) + "s")
                           .str();
    if (Tty) {
      unsigned Width = 30, Filled = Work.empty() ? Width : Width * Done / Work.size();
      llvm::errs() << "\rvibeguard: [" << std::string(Filled, '#')
                   << std::string(Width - Filled, ' ') << "] " << Line << "   ";
    } else {
      llvm::errs() << "vibeguard: " << Line << "\n";
    }
  };
  // A shard's TUs summarize every function (the merge has no worker to ask); a scan's
  // as much as EagerSummaries decides.
  EagerSummaries Eager(Work.size());
  auto Finish = [&](size_t Index, int Code, const std::string &Msg, bool TimedOut) {
    const scan::CompileEntry &E = Work[Index];
    std::string CompileError;
    if (TimedOut)
      Result.Failures.push_back({E.File, "timed out after " + std::to_string(O.Timeout) + " s"});
    else if (Code != 0)
      Result.Failures.push_back(
          {E.File, (Code < 0 ? "worker crashed" + (Msg.empty() ? "" : ": " + Msg)
                             : "worker exited with " + std::to_string(Code)) +
                       (lastLine(Paths(Index, ".log")).empty()
                            ? ""
                            : " (" + lastLine(Paths(Index, ".log")) + ")")});
    else if (auto Text = llvm::MemoryBuffer::getFile(Paths(Index, ".result.json")); !Text)
      Result.Failures.push_back({E.File, "worker wrote no result"});
    else if (std::optional<llvm::json::Value> Json = parseJSONOrNone((*Text)->getBuffer());
             !Json || !readResult(
                          *Json, Result, CompileError,
                          [&](llvm::StringRef) { return Paths(Index, ".result.json.taint"); },
                          Pending, Index))
      Result.Failures.push_back({E.File, "worker wrote no result"});
    else {
      if (!CompileError.empty())
        Result.Failures.push_back({E.File, "does not compile: " + CompileError});
      if (!Pending.empty() && Pending.back().Entry == Index && O.ShardCount == 1)
        Eager.add(Pending.back());
      const llvm::json::Object *JO = Json->getAsObject();
      if (std::optional<int64_t> KiB = JO->getInteger("peakMemoryKiB");
          KiB && uint64_t(*KiB) > PeakKiB) {
        PeakKiB = uint64_t(*KiB);
        PeakFile = E.File;
      }
      if (O.Cache) {
        // Stored as each TU completes: an interrupted scan resumes from here. The
        // worker's text goes in as it is (megabytes of summaries: not parsed again).
        llvm::json::Object Deps;
        if (const llvm::json::Array *D = JO->getArray("dependencies"))
          for (const llvm::json::Value &P : *D)
            if (std::optional<llvm::StringRef> S = P.getAsString())
              Deps[*S] = Hashes.of(*S);
        std::string Err, Manifest = ManifestOf(E);
        // The taint data first: a manifest names only what the cache holds.
        std::string TaintFrom = Paths(Index, ".result.json.taint");
        if (std::optional<llvm::StringRef> Digest = JO->getString("taintDigest")) {
          std::string To = taintCacheOf(CacheDir, *Digest),
                      Part = To + ".tmp" + std::to_string(::getpid());
          if (!llvm::sys::fs::exists(To) &&
              (llvm::sys::fs::copy_file(TaintFrom, Part) || llvm::sys::fs::rename(Part, To)))
            Manifest.clear();
        }
        if (!Manifest.empty())
          writeAtomically(Manifest,
                          (llvm::Twine("{\"dependencies\":") +
                           llvm::formatv("{0}", llvm::json::Value(std::move(Deps))).str() +
                           ",\"result\":" + (*Text)->getBuffer().rtrim() + "}\n")
                              .str(),
                          Err); // a cache that cannot be written only costs time
      }
    }
    ++Done;
    Progress();
  };

  // A cached result is taken as it is, whatever the worker was asked to summarize:
  // the link asks for what it lacks.
  auto NextJob = [&](bool &Failed) -> std::optional<WorkerPool::Job> {
    for (; Next < Work.size(); ++Next) {
      const scan::CompileEntry &E = Work[Next];
      if (O.Cache)
        if (std::optional<llvm::json::Value> Hit = cachedResult(ManifestOf(E), Hashes)) {
          std::string CompileError;
          if (readResult(
                  *Hit, Result, CompileError,
                  [&](llvm::StringRef Digest) { return taintCacheOf(CacheDir, Digest); },
                  Pending, Next, /*Verify=*/true)) {
            if (!CompileError.empty())
              Result.Failures.push_back({E.File, "does not compile: " + CompileError});
            ++CacheHits;
            ++Done;
            Progress();
            continue;
          }
        }
      std::string Job = Paths(Next, ".job.json");
      if (!WriteJob(E, Job)) {
        Failed = true;
        return std::nullopt;
      }
      WorkerPool::Job J{{"--job", Job, "--out", Paths(Next, ".result.json"), "--checks",
                         O.Checks, "--header-filter", O.HeaderFilter},
                        Paths(Next, ".log"),
                        Next};
      for (const std::string &M : O.Models) {
        J.Args.push_back("--model");
        J.Args.push_back(M);
      }
      if (O.ShardCount > 1 || Eager.on())
        J.Args.push_back("--all-summaries");
      ++Next;
      return J;
    }
    return std::nullopt;
  };
  if (!Pool.run(NextJob, [&](size_t Index, const WorkerPool::Outcome &Out) {
        if (!Out.Started) {
          Result.Failures.push_back({Work[Index].File, "could not start the worker"});
          ++Done;
          return;
        }
        Finish(Index, Out.Code, Out.Message, Out.TimedOut);
      }))
    return Stopped();
  if (Interrupted) // between the last worker and the pool's next look
    return Stopped();
  if (Tty && !Work.empty())
    llvm::errs() << "\n";

  // The suppression inventory: NOLINTs reaching vibeguard rules in the project's own
  // files (those the TUs read under the source root).
  for (const auto &F : ReadFiles) {
    llvm::StringRef Path = F.getKey();
    if (!Path.starts_with(Result.SourceRoot + "/") || Path.contains("/.vibeguard-cache/"))
      continue;
    if (auto Buf = llvm::MemoryBuffer::getFile(Path))
      for (Suppression &S : findSuppressions((*Buf)->getBuffer(), Path))
        Result.Suppressions.push_back(std::move(S));
  }
  // A shard's TUs are a part of the program: the merge links them all.
  Result.TaintHeaderFilter = O.HeaderFilter;
  if (O.ShardCount > 1) {
    Result.EmbedTaint = true;
    loadTaint(Pending, Result);
  } else {
    llvm::StringSet<> MainFiles;
    for (const scan::CompileEntry &E : Work)
      MainFiles.insert(E.File);
    // The link's findings are cached too, keyed on everything it reads: each TU's
    // taint data (by digest) and what its worker would be asked for more, every file
    // the TUs read (a sink's NOLINT), the main files and the header filter. A warm
    // re-scan of an unchanged tree then reads no summary at all.
    std::string LinkCache;
    if (O.Cache) {
      std::string H;
      auto Add = [&](llvm::StringRef S) {
        H += S;
        H += '\0';
      };
      Add(VIBEGUARD_VERSION);
      Add(WorkerHash);
      Add(Hashes.of(Self)); // the link and the wording of its findings live here
      Add(O.HeaderFilter);
      std::vector<std::string> Keys;
      // A TU's taint data, and what its worker would summarize when the link asks
      // (its command, checks, models, .clang-tidy files: the TU's own cache key).
      for (const PendingTaint &P : Pending)
        Keys.push_back(P.File + '\n' + P.Digest + '\n' + ManifestOf(Work[P.Entry]));
      for (const auto &F : MainFiles)
        Keys.push_back(F.getKey().str());
      for (const auto &F : ReadFiles)
        Keys.push_back(F.getKey().str() + '\n' + Hashes.of(F.getKey()));
      llvm::sort(Keys);
      for (const std::string &K : Keys)
        Add(K);
      llvm::SmallString<256> P(CacheDir);
      llvm::sys::path::append(P, "link-" + sha256Hex(H) + ".json");
      LinkCache = std::string(P);
    }
    std::optional<llvm::json::Value> Cached =
        LinkCache.empty() ? std::nullopt : readJSONFile(LinkCache);
    const llvm::json::Object *CO = Cached ? Cached->getAsObject() : nullptr;
    if (const llvm::json::Array *Linked = CO ? CO->getArray("findings") : nullptr) {
      readFindings(*Linked, Result);
    } else {
      size_t Failed = Result.Failures.size();
      loadTaint(Pending, Result, Eager.take());
      if (!askForSummaries(Result, Pending, Work, Pool, O, Paths, WriteJob))
        return Stopped();
      size_t Before = Result.Findings.size();
      linkAcrossUnits(Result, HeaderFilter, MainFiles);
      // Not kept when a TU's summaries were unreadable: the next scan analyses it again.
      if (!LinkCache.empty() && Result.Failures.size() == Failed) {
        llvm::json::Array Linked;
        for (size_t I = Before; I < Result.Findings.size(); ++I)
          Linked.push_back(findingJSON(Result.Findings[I]));
        std::string Err;
        writeAtomically(LinkCache,
                        llvm::formatv("{0}", llvm::json::Value(llvm::json::Object{
                                                 {"findings", std::move(Linked)}}))
                            .str(),
                        Err); // a cache that cannot be written only costs time
      }
    }
  }
  finalize(Result);
  if (!Baseline.empty())
    llvm::erase_if(Result.Findings,
                   [&](const Finding &F) { return Baseline.count(F.Fingerprint); });

  std::string Text = O.Format == "sarif"  ? toSarif(Result, Catalog::builtin())
                     : O.Format == "json" ? toJSON(Result)
                     : O.Format == "gitlab-sast"
                         ? toGitLabSast(Result, Catalog::builtin(), StartTime,
                                        utcNow("%Y-%m-%dT%H:%M:%S"))
                         : toText(Result);
  // Both outputs are attempted: one that cannot be written does not cost the other.
  bool WriteFailed = false;
  auto Write = [&](const std::string &Path, llvm::StringRef Contents) {
    std::string Err;
    if (!writeAtomically(Path, Contents, Err)) {
      llvm::errs() << "vibeguard: error: " << Err << "\n";
      WriteFailed = true;
    }
  };
  if (!O.SarifOutput.empty())
    Write(O.SarifOutput, toSarif(Result, Catalog::builtin()));
  if (O.Output.empty())
    llvm::outs() << Text;
  else
    Write(O.Output, Text);
  if (WriteFailed)
    return ExitUsage;
  llvm::errs() << "vibeguard: " << Result.TranslationUnits << " translation units ("
               << CacheHits << " from the cache), " << Result.Findings.size()
               << (O.Baseline.empty() ? "" : " new") << " findings, "
               << Result.Failures.size() << " failed\n";
  if (PeakKiB)
    llvm::errs() << "vibeguard: peak worker memory " << PeakKiB / 1024 << " MiB ("
                 << relativePath(PeakFile, Result.SourceRoot) << ")\n";
  for (const Failure &F : Result.Failures)
    llvm::errs() << "vibeguard: could not analyse " << relativePath(F.File, Result.SourceRoot)
                 << ": " << F.Reason << "\n";
  for (const std::string &W : Result.ConfigWarnings)
    llvm::errs() << "vibeguard: warning: " << W << "\n";

  bool Gate = llvm::any_of(Result.Findings, [&](const Finding &F) {
    const Rule *R = Catalog::builtin().findRule(F.Rule);
    return R && severityRank(R->Severity) >= Threshold;
  });
  if (Gate)
    return ExitFindings;
  return Result.Failures.empty() ? 0 : ExitFailedTUs;
}

int vibeguard::runMerge(llvm::ArrayRef<const char *> Args) {
  std::vector<std::string> Inputs;
  std::string Output, Format = "sarif";
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--help" || A == "-h") {
      llvm::outs() << "usage: vibeguard merge [-o FILE] [--format sarif|json|text|gitlab-sast] "
                      "SHARD.sarif...\n\njoins the SARIF logs of 'vibeguard scan --shard' "
                      "jobs into one, as one scan would have written it\n";
      return 0;
    }
    if ((A == "-o" || A == "--format") && I + 1 < Args.size()) {
      (A == "-o" ? Output : Format) = Args[++I];
      continue;
    }
    if (A.starts_with("-"))
      return usageError("unknown option '" + A + "' for 'vibeguard merge'");
    Inputs.push_back(A.str());
  }
  if (Inputs.empty())
    return usageError("no SARIF logs to merge");
  if (Format != "sarif" && Format != "json" && Format != "text" && Format != "gitlab-sast")
    return usageError("unknown format '" + Format + "'; use sarif, json, text or gitlab-sast");
  ScanResult All;
  llvm::StringSet<> Skipped;
  for (const std::string &In : Inputs) {
    auto R = readScanSarif(In);
    if (!R) {
      llvm::errs() << "vibeguard: error: " << llvm::toString(R.takeError()) << "\n";
      return ExitUsage;
    }
    if (All.SourceRoot.empty()) {
      All.SourceRoot = R->SourceRoot;
      All.DocsBaseUri = R->DocsBaseUri;
    } else if (All.SourceRoot != R->SourceRoot) {
      llvm::errs() << "vibeguard: error: " << In << ": source root " << R->SourceRoot
                   << " differs from " << All.SourceRoot << "\n";
      return ExitUsage;
    }
    append(All, std::move(*R));
    // Every shard read the same database: its skipped entries once.
    for (std::string &S : R->Skipped)
      if (Skipped.insert(S).second)
        All.Skipped.push_back(std::move(S));
    All.TaintHeaderFilter = R->TaintHeaderFilter;
  }
  // The cross-TU link, once over every shard's TUs.
  {
    llvm::Regex HeaderFilter(All.TaintHeaderFilter);
    std::string Err;
    if (!HeaderFilter.isValid(Err)) {
      llvm::errs() << "vibeguard: error: bad header filter in the shards: " << Err << "\n";
      return ExitUsage;
    }
    llvm::StringSet<> MainFiles;
    for (const TaintUnit &U : All.Taint)
      MainFiles.insert(U.File);
    linkAcrossUnits(All, HeaderFilter, MainFiles);
  }
  finalize(All);
  std::string Now = utcNow("%Y-%m-%dT%H:%M:%S");
  std::string Text = Format == "sarif"  ? toSarif(All, Catalog::builtin())
                     : Format == "json" ? toJSON(All)
                     : Format == "gitlab-sast" ? toGitLabSast(All, Catalog::builtin(), Now, Now)
                                               : toText(All);
  if (Output.empty()) {
    llvm::outs() << Text;
    return 0;
  }
  std::string Err;
  if (!writeAtomically(Output, Text, Err)) {
    llvm::errs() << "vibeguard: error: " << Err << "\n";
    return ExitUsage;
  }
  return 0;
}
