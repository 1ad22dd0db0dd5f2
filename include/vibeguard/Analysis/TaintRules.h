//===- TaintRules.h - The taint rules' questions, without Clang ---------------===//
//
// Each injection and LLM rule asks the same engine a different question: which flows
// it takes (sink kind, source kinds), how it words a finding, which of several flows
// into one sink it reports. The answers live here, not in the checks, so that the
// clang-tidy checks (one translation unit) and `vibeguard scan` (flows that cross
// translation units, found by linking every TU's summaries) report a flow alike.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_ANALYSIS_TAINTRULES_H
#define VIBEGUARD_ANALYSIS_TAINTRULES_H

#include "vibeguard/Analysis/TaintSummary.h"
#include <string>
#include <vector>

namespace vibeguard::taint {

/// A rule's options (clang-tidy CheckOptions of the same names).
struct RuleOptions {
  /// The source kinds the rule treats as untrusted (option SourceKinds).
  std::vector<std::string> SourceKinds;
  /// vibeguard-llm-prompt-injection: also report input passed as its own user-role
  /// message (option ReportUserRoleMessages).
  bool ReportUserRoleMessages = false;
};

class TaintRule {
public:
  virtual ~TaintRule() = default;
  /// The check name, "vibeguard-injection-command".
  virtual llvm::StringRef name() const = 0;
  /// The default of SourceKinds, ';'-separated.
  virtual llvm::StringRef defaultSourceKinds() const = 0;
  /// Whether a sink of kind \p Kind can be this rule's question.
  virtual bool takesSinkKind(llvm::StringRef Kind) const = 0;
  /// Whether \p F's sink is this rule's question (source kinds are checked apart).
  virtual bool takesSink(const Flow &F) const { return takesSinkKind(F.Sink.Kind); }
  /// The warning for \p F, without the check name.
  virtual std::string message(const Flow &F) const = 0;
  /// Of several flows into one sink, the highest rank is reported (then the shortest).
  virtual int rank(const Flow &F) const { return 0; }
  /// Whether the chosen flow of a sink is reported (a lower-risk form may be quiet).
  virtual bool reported(const Flow &F, const RuleOptions &O) const { return true; }

  RuleOptions defaults() const;
  /// takesSink() and a source of one of \p O's kinds.
  bool accepts(const Flow &F, const RuleOptions &O) const;
  /// For each sink, the flow this rule reports; ordered as \p Flows (by sink).
  std::vector<const Flow *> select(const std::vector<Flow> &Flows,
                                   const RuleOptions &O) const;
};

/// Every taint rule, by name order.
const std::vector<const TaintRule *> &taintRules();
/// The rule named \p CheckName, or null.
const TaintRule *findTaintRule(llvm::StringRef CheckName);
/// "user input from 'getenv'"
std::string describeOrigin(const Flow &F);

} // namespace vibeguard::taint

#endif
