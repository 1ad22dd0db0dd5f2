//===- TaintCheck.h - Base of the checks that ask the taint engine ------------===//
//
// The injection and LLM checks are questions to one engine run: the first of them to
// see a translation unit summarizes its functions and links the summaries
// (lib/Analysis); the others reuse the result. Each check keeps the flows it accepts
// and reports one finding per sink, with the trace (source -> steps -> sink) as notes.
//
// Options (CheckOptions; TaintModels may be set once for all of them):
//   TaintModels  ';'-separated model files that extend the built-in model
//                (docs/taint-models.md); a declared Filter silences a finding
//   SourceKinds  ';'-separated source kinds the check treats as untrusted
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_TAINT_TAINTCHECK_H
#define VIBEGUARD_CHECKS_TAINT_TAINTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Analysis/TaintSummary.h"
#include <memory>

namespace vibeguard::tidy {

struct TaintResult;

class TaintCheck : public clang::tidy::ClangTidyCheck {
public:
  TaintCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx,
             llvm::StringRef DefaultSourceKinds);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

protected:
  /// Whether \p F is this check's question (its sink kind, its source kinds).
  virtual bool accepts(const taint::Flow &F) const = 0;
  /// The warning for \p F, without the check name.
  virtual std::string message(const taint::Flow &F) const = 0;
  /// Of several flows into one sink, the one with the highest rank is reported (the
  /// shortest trace among equals).
  virtual int rank(const taint::Flow &F) const { return 0; }
  /// Whether the chosen flow of a sink is reported (a lower-risk form may be quiet).
  virtual bool reported(const taint::Flow &F) const { return true; }
  bool untrusted(const taint::Flow &F) const;
  /// "user input from 'getenv'"
  static std::string origin(const taint::Flow &F);

private:
  std::string ModelFiles, SourceKindsText;
  std::vector<std::string> SourceKinds;
  std::shared_ptr<const TaintResult> Result;
};

} // namespace vibeguard::tidy

#endif
