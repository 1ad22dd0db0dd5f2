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
#include "llvm/ADT/StringSet.h"
#include <functional>

namespace clang {
class ASTContext;
}

namespace vibeguard::taint {

struct AnalysisOptions {
  const TaintModel *Model = nullptr; ///< required
  /// Values named like credentials (secrets.yaml) or personal data (the model's
  /// NameSources) are sources of kind secret / pii where they are read.
  bool NameSources = true;
  /// When set, summarize only the functions that a flow from a source to a sink whose
  /// kinds this predicate pairs (a question some rule asks) can pass through: those
  /// called, directly or not, from a function that calls both ends (onFlowPaths). A
  /// TU analysed alone has no other flow; its link finds the same flows with fewer
  /// summaries. A cross-TU link asks the question again over every TU's functions.
  KindPairs OnlyIf;
  /// When set, summarize exactly the functions with these USRs (not OnlyIf): those a
  /// cross-TU link needs that the TU's own question did not keep.
  const llvm::StringSet<> *OnlyFunctions = nullptr;
  /// With OnlyIf: summarize every function after all when the TU reads input (a
  /// modelled source call or field, main's argv) of a kind that OnlyIf pairs with some
  /// sink kind, wherever that sink is. A flow from it most likely crosses TUs, and a
  /// cross-TU link that had to ask for the summaries later would parse the TU again.
  bool AllWhenSources = false;
  /// Describe every function (TranslationUnitTaint::Functions), for a cross-TU link.
  bool DescribeFunctions = false;
};

/// What the analysis of one translation unit gives.
struct TranslationUnitTaint {
  std::vector<FunctionSummary> Summaries; ///< in declaration order
  /// Every function the analysis covers, summarized or not (DescribeFunctions), in
  /// declaration order: what a cross-TU link needs to ask which of them matter.
  std::vector<FunctionNode> Functions;
};

/// Whether \p Ctx's translation unit (outside system headers) holds both ends of a flow
/// that Opts.OnlyIf asks about (any pair when it is unset), in functions that one
/// function calls, directly or not: a source (a modelled source call or field, a value
/// named like a credential or personal data, main's argv) and a sink (a modelled sink
/// call or constructor, or the sinks that depend on arguments: curl_easy_setopt,
/// httplib::Client::Post, CGI printf, crow::response); or a global between them. The
/// kinds are those the analysis gives them. False means a TU analysed alone has no
/// flow.
bool mayHaveFlows(clang::ASTContext &Ctx, const AnalysisOptions &Opts);

/// Summaries of the functions defined in \p Ctx's translation unit outside system
/// headers (those Opts asks for), and, if asked, a description of every one.
TranslationUnitTaint analyzeTranslationUnit(clang::ASTContext &Ctx,
                                            const AnalysisOptions &Opts);

/// analyzeTranslationUnit's summaries.
std::vector<FunctionSummary> summarizeTranslationUnit(clang::ASTContext &Ctx,
                                                      const AnalysisOptions &Opts);

} // namespace vibeguard::taint

#endif
