//===- TaintAnalysis.h - Per-function taint dataflow over the Clang CFG -------===//
//
// The taint engine's per-function half (DESIGN.md). For every function with a body in
// the translation unit outside system headers, a flow-sensitive dataflow over the
// function's CFG (field-sensitive for `var.field`, simple may-alias for pointers and
// references to local storage, fixpoint on loops) follows the values of its parameters,
// its object, the globals it reads, the sources it calls and the results of its calls to
// other user functions, and writes down where they go: the return value,
// out-parameters, globals, sinks, and the arguments of further calls. The result is a
// FunctionSummary per function (TaintSummary.h), which link() joins into flows.
//
// Library functions are modelled by the TaintModel; those it does not name propagate by
// a rule of thumb (a method's result carries its object; a mutating method called with
// arguments takes them in; a free function's pointer, reference or class result carries
// its arguments).
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_ANALYSIS_TAINTANALYSIS_H
#define VIBEGUARD_ANALYSIS_TAINTANALYSIS_H

#include "vibeguard/Analysis/TaintModel.h"
#include "vibeguard/Analysis/TaintSummary.h"

namespace clang {
class ASTContext;
}

namespace vibeguard::taint {

struct AnalysisOptions {
  const TaintModel *Model = nullptr; ///< required
  /// Values named like credentials (secrets.yaml) or personal data (the model's
  /// NameSources) are sources of kind secret / pii where they are read.
  bool NameSources = true;
  /// Summarize nothing when nothing can start a flow (mayHaveSources): a TU analysed
  /// alone then has no flow. Not for a cross-TU link, which needs every summary.
  bool OnlyWithSources = false;
};

/// False when nothing in \p Ctx's translation unit (outside system headers) can start a
/// flow: no modelled source call or field, no value named like a credential or
/// personal data, no main with argv. A TU analysed alone then has no flow, and its
/// summaries can be skipped (a scan still needs them for its cross-TU link).
bool mayHaveSources(clang::ASTContext &Ctx, const AnalysisOptions &Opts);

/// Summaries of the functions defined in \p Ctx's translation unit outside system
/// headers, in declaration order.
std::vector<FunctionSummary> summarizeTranslationUnit(clang::ASTContext &Ctx,
                                                      const AnalysisOptions &Opts);

} // namespace vibeguard::taint

#endif
