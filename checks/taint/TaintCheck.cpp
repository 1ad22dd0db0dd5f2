//===- TaintCheck.cpp - One engine run per translation unit, shared -----------===//
#include "TaintCheck.h"
#include "vibeguard/Analysis/TaintAnalysis.h"
#include "vibeguard/Secrets/Secrets.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <cstdlib>
#include <map>
#include <mutex>

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

struct TaintResult {
  std::vector<taint::Flow> Flows;
};

namespace {

std::mutex CacheLock;

/// The model for a TaintModels option value: the built-in one extended by the files.
/// Loaded once per process per value.
llvm::Expected<std::shared_ptr<const taint::TaintModel>> modelFor(llvm::StringRef Files) {
  static std::map<std::string, std::shared_ptr<const taint::TaintModel>> Models;
  auto It = Models.find(Files.str());
  if (It != Models.end())
    return It->second;
  taint::TaintModel M = taint::TaintModel::builtin();
  for (const std::string &F : secrets::splitList(Files)) {
    auto User = taint::TaintModel::readFile(F);
    if (!User)
      return User.takeError();
    M.merge(std::move(*User));
  }
  auto P = std::make_shared<const taint::TaintModel>(std::move(M));
  Models[Files.str()] = P;
  return P;
}

/// Results alive while a translation unit is being checked, by AST and model.
std::map<std::pair<const ASTContext *, std::string>, std::weak_ptr<const TaintResult>> &
results() {
  static std::map<std::pair<const ASTContext *, std::string>, std::weak_ptr<const TaintResult>>
      R;
  return R;
}

/// The taint checks enabled in each clang-tidy run, by context: what the engine is
/// asked decides which TUs it can skip.
struct Enabled {
  const clang::tidy::ClangTidyContext *Ctx;
  const TaintCheck *Check;
  const taint::TaintRule *Rule;
  const taint::RuleOptions *Opts;
  std::string ModelFiles;
};
std::vector<Enabled> &enabledChecks() {
  static std::vector<Enabled> E;
  return E;
}

/// Diagnostic text is a format: a '%' in a name or URL must stay a '%'.
std::string escape(llvm::StringRef S) {
  std::string R;
  for (char C : S) {
    if (C == '%')
      R += '%';
    R += C;
  }
  return R;
}

} // namespace

TaintCheck::SummaryExport &summaryExport() {
  static TaintCheck::SummaryExport E;
  return E;
}

void TaintCheck::setSummaryExport(SummaryExport E) { summaryExport() = std::move(E); }

TaintCheck::TaintCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
    : VibeGuardCheck(Name, Ctx), TidyCtx(Ctx), Rule(*taint::findTaintRule(Name)),
      ModelFiles(Options.getLocalOrGlobal("TaintModels", "")),
      SourceKindsText(Options.get("SourceKinds", Rule.defaultSourceKinds())) {
  for (const std::string &K : secrets::splitList(SourceKindsText)) {
    if (!llvm::is_contained(taint::sourceKinds(), K))
      configurationDiag("option 'SourceKinds': '%0' is not a source kind") << K;
    else
      Opts.SourceKinds.push_back(K);
  }
  if (Name == "vibeguard-llm-prompt-injection")
    Opts.ReportUserRoleMessages = Options.get("ReportUserRoleMessages", false);
  std::lock_guard<std::mutex> Lock(CacheLock);
  enabledChecks().push_back({Ctx, this, &Rule, &Opts, ModelFiles});
}

TaintCheck::~TaintCheck() {
  std::lock_guard<std::mutex> Lock(CacheLock);
  llvm::erase_if(enabledChecks(), [&](const Enabled &E) { return E.Check == this; });
}

void TaintCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "TaintModels", ModelFiles);
  Options.store(Opts, "SourceKinds", SourceKindsText);
  if (Rule.name() == "vibeguard-llm-prompt-injection")
    Options.store(Opts, "ReportUserRoleMessages", this->Opts.ReportUserRoleMessages);
}

void TaintCheck::registerMatchers(MatchFinder *Finder) {
  onEach<TranslationUnitDecl>(Finder, [this](const TranslationUnitDecl &, ASTContext &Ctx) {
    analyze(Ctx);
  });
}

void TaintCheck::analyze(ASTContext &Ctx) {
  {
    std::lock_guard<std::mutex> Lock(CacheLock);
    auto &Slot = results()[{&Ctx, ModelFiles}];
    Result = Slot.lock();
    if (!Result) {
      auto Model = modelFor(ModelFiles);
      if (!Model) {
        configurationDiag("option 'TaintModels': %0") << llvm::toString(Model.takeError());
        return;
      }
      taint::AnalysisOptions Opts;
      Opts.Model = Model->get();
      auto Res = std::make_shared<TaintResult>();
      const SummaryExport &Export = summaryExport();
      bool Dump = std::getenv("VIBEGUARD_DUMP_SUMMARIES"); // for debugging models
      // Only the functions a flow one of the enabled checks asks about can pass through
      // (alone: clang-tidy, the editor; and a scan's worker, whose link asks for more
      // when it needs them).
      if ((!Export.Receive || Export.What == SummaryExport::Relevant) && !Dump) {
        std::vector<std::pair<const taint::TaintRule *, taint::RuleOptions>> Asked;
        for (const Enabled &E : enabledChecks())
          if (E.Ctx == TidyCtx && E.ModelFiles == ModelFiles)
            Asked.push_back({E.Rule, *E.Opts});
        Opts.OnlyIf = [Asked](llvm::StringRef Source, llvm::StringRef Sink) {
          return llvm::any_of(Asked, [&](const auto &A) {
            return A.first->takesSinkKind(Sink) &&
                   llvm::is_contained(A.second.SourceKinds, Source);
          });
        };
      }
      bool Listed = Export.Receive && Export.What == SummaryExport::Listed;
      if (Listed)
        Opts.OnlyFunctions = Export.Functions;
      Opts.DescribeFunctions = Export.Receive && !Listed;
      Opts.AllWhenSources = Export.Receive && Export.What == SummaryExport::Relevant;
      taint::TranslationUnitTaint TU = taint::analyzeTranslationUnit(Ctx, Opts);
      if (Export.Receive)
        Export.Receive(TU, ModelFiles);
      if (Dump)
        llvm::errs() << llvm::formatv("{0:2}", llvm::json::Value(taint::toJSON(TU.Summaries)))
                     << "\n";
      if (!Listed)
        Res->Flows = taint::link(TU.Summaries);
      Result = Res;
      Slot = Result;
    }
  }
  for (const taint::Flow *F : Rule.select(Result->Flows, Opts)) {
    if (!F->Sink.Where.RawLoc)
      continue;
    diag(SourceLocation::getFromRawEncoding(F->Sink.Where.RawLoc), escape(Rule.message(*F)));
    for (size_t I = 0; I + 1 < F->Steps.size(); ++I) {
      const taint::Step &S = F->Steps[I];
      if (!S.RawLoc)
        continue;
      diag(SourceLocation::getFromRawEncoding(S.RawLoc), escape(S.Message),
           DiagnosticIDs::Note);
    }
  }
}

void TaintCheck::onEndOfTranslationUnit() {
  Result.reset();
  std::lock_guard<std::mutex> Lock(CacheLock);
  for (auto It = results().begin(); It != results().end();)
    It = It->second.expired() ? results().erase(It) : std::next(It);
}

} // namespace vibeguard::tidy
