//===- TaintCheck.h - The checks that ask the taint engine --------------------===//
//
// The injection and LLM checks are questions to one engine run: the first of them to
// see a translation unit summarizes its functions and links the summaries
// (lib/Analysis); the others reuse the result. Each check is a TaintRule
// (lib/Analysis/TaintRules: which flows, which wording, shared with vibeguard scan's
// cross-TU link) and reports one finding per sink, with the trace as notes.
//
// Options (CheckOptions; TaintModels may be set once for all of them):
//   TaintModels  ';'-separated model files that extend the built-in model
//                (docs/taint-models.md); a declared Filter silences a finding
//   SourceKinds  ';'-separated source kinds the check treats as untrusted
//   ReportUserRoleMessages  (vibeguard-llm-prompt-injection) also report input passed
//                as its own user-role message
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_TAINT_TAINTCHECK_H
#define VIBEGUARD_CHECKS_TAINT_TAINTCHECK_H

#include "../VibeGuardCheck.h"
#include "vibeguard/Analysis/TaintAnalysis.h"
#include "vibeguard/Analysis/TaintRules.h"
#include <functional>
#include <memory>

namespace vibeguard::tidy {

struct TaintResult;

class TaintCheck : public VibeGuardCheck {
public:
  TaintCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  ~TaintCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  /// Runs the engine on \p Ctx's unit (once for every taint check) and reports.
  void analyze(clang::ASTContext &Ctx);
  void onEndOfTranslationUnit() override;

  /// vibeguard-worker's hook for scan's cross-TU link: which functions to summarize in
  /// each translation unit the engine runs on, and what receives the result (with the
  /// model files).
  struct SummaryExport {
    enum Scope {
      Relevant, ///< those the TU's own checks need, and a description of every function
      All,      ///< every function, described too (a shard's: the merge links them)
      Listed,   ///< the functions named in Functions (a link's request); no findings
    } What = Relevant;
    const llvm::StringSet<> *Functions = nullptr;
    std::function<void(const taint::TranslationUnitTaint &, llvm::StringRef)> Receive;
  };
  static void setSummaryExport(SummaryExport E);

private:
  const clang::tidy::ClangTidyContext *TidyCtx;
  const taint::TaintRule &Rule;
  std::string ModelFiles, SourceKindsText;
  taint::RuleOptions Opts;
  std::shared_ptr<const TaintResult> Result;
};

} // namespace vibeguard::tidy

#endif
