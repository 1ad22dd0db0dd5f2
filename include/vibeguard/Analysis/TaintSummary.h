//===- TaintSummary.h - Function summaries and the summary graph --------------===//
//
// The taint engine's whole-program half (DESIGN.md, "The taint engine: a summary
// graph"). A FunctionSummary lists edges between a function's ports: its parameters and
// object at entry (ParamIn) and at exit (ParamOut: out-parameters and `this`), its
// return value, the globals it reads and writes, the sources it calls, the sinks it
// reaches, and the arguments and results of each call it makes to another user
// function. Each edge carries the steps that justify it, the sink kinds a sanitizer
// cleaned on the way, and flags (spliced into instruction text, user or system role).
//
// link() joins summaries at call sites with call/return matching: a flow entering a
// callee through argument i of call site s leaves through the same s. It needs no
// Clang, so the editor (one translation unit) and `vibeguard scan` (every TU, joined
// after the workers finish) use the same code. Summaries are keyed by USR and
// serialize to JSON, so they are cached and merged across CI shards.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_ANALYSIS_TAINTSUMMARY_H
#define VIBEGUARD_ANALYSIS_TAINTSUMMARY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vibeguard::taint {

/// One step of a trace: where, and what happened there.
struct Step {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::string Message;
  /// The clang::SourceLocation's raw encoding in the TU that made the step (0 when
  /// read back from JSON); lets a check place notes without looking the file up.
  uint64_t RawLoc = 0;
  bool operator==(const Step &O) const {
    return Line == O.Line && Column == O.Column && File == O.File && Message == O.Message;
  }
};

/// Flags a flow picks up on its way (for the LLM rules' wording and severity).
enum FlowFlag : uint8_t {
  Spliced = 1,      ///< concatenated with instruction text (a literal of words)
  UserRole = 2,     ///< placed in a message whose role is "user"
  SystemRole = 4,   ///< placed in a message whose role is "system"
  ParseSpecial = 8, ///< tokenized with special-token parsing on (llama_tokenize)
};

/// The sink kinds as bits, for masks of kinds a sanitizer cleaned.
uint32_t kindBit(llvm::StringRef SinkKind);

enum class PortKind : uint8_t {
  ParamIn,    ///< Index: parameter, or -2 the object / a lambda's captures
  ParamOut,   ///< Index: parameter written through, or -2 the object
  Return,
  GlobalIn,   ///< Name: the global's USR
  GlobalOut,
  Source,     ///< Index: into FunctionSummary::Sources
  Sink,       ///< Index: into FunctionSummary::Sinks
  CallArg,    ///< Site: into FunctionSummary::Calls; Index: argument, -2 the object
  CallResult, ///< Site; Index: -1 the result, N an out-argument, -2 the object
  Join,       ///< inside a function: where many values meet (Site: block, Index: place)
};

struct Port {
  PortKind Kind = PortKind::Return;
  int Index = 0;
  unsigned Site = 0;
  std::string Name;
  bool operator==(const Port &O) const {
    return Kind == O.Kind && Index == O.Index && Site == O.Site && Name == O.Name;
  }
  bool operator<(const Port &O) const;
};

/// A port in 64 bits for hashing: kind, index (biased to stay positive), and the call
/// site or, for a global, its interned name.
inline uint64_t packPort(PortKind K, int Index, uint32_t SiteOrName) {
  return (uint64_t(K) << 56) | (uint64_t(uint32_t(Index + 8) & 0xFFFFFF) << 32) | SiteOrName;
}

struct SourceSite {
  std::string Kind;   ///< user-input, environment, network, file, llm-output, secret, pii
  std::string What;   ///< "getenv()", "'ssn'"
  Step Where;
};

struct SinkSite {
  std::string Kind; ///< command, sql, format, path, ..., llm-prompt
  std::string What; ///< "system()", "CURLOPT_POSTFIELDS of a request to api.openai.com"
  std::string Role; ///< llm-prompt: "user", "system" or ""
  bool Remote = false;
  Step Where;
};

struct CallSite {
  std::string Callee; ///< USR
  std::string Name;   ///< for messages
  Step Where;
};

struct Edge {
  Port From, To;
  std::vector<Step> Steps;
  uint32_t Cleaned = 0; ///< kindBit()s of the sink kinds a sanitizer cleaned
  uint8_t Flags = 0;
};

struct FunctionSummary {
  std::string USR, Name;
  std::vector<SourceSite> Sources;
  std::vector<SinkSite> Sinks;
  std::vector<CallSite> Calls;
  std::vector<Edge> Edges;
};

/// A source reaching a sink, possibly through many functions.
struct Flow {
  SourceSite Source;
  SinkSite Sink;
  std::vector<Step> Steps; ///< from the source to the sink, both included
  uint8_t Flags = 0;
  uint32_t Cleaned = 0;
  /// The summaries' index (link()'s input) of the function with the sink.
  unsigned SinkSummary = 0;
};

/// Which source kinds and sink kinds a rule pairs (a question some rule asks).
using KindPairs =
    std::function<bool(llvm::StringRef SourceKind, llvm::StringRef SinkKind)>;

/// A function as the question "which functions can a flow pass through" sees it: the
/// kinds of the flow ends it holds (as the analysis gives them), whether it touches a
/// global that carries taint between functions, and the functions it calls.
struct CallGraphNode {
  uint32_t SourceKinds = 0; ///< bits over sourceKinds()
  uint32_t SinkKinds = 0;   ///< kindBit()s
  bool Globals = false;
  std::vector<unsigned> Callees; ///< indices of other nodes
};

/// For each of \p Nodes (the functions of one TU, or of a whole program), whether a
/// flow from a source to a sink whose kinds \p Asked pairs can pass through it. A flow
/// goes up from its source through callers to a function that calls, directly or not,
/// both the function with the source and the one with the sink, then down to the
/// sink; through a global it does so on each side of the global. So a function matters
/// only below such a meeting point. Every function below one is kept (a callee's
/// summary is part of its caller's), and so is every function above one (a meeting
/// point's caller is one too): link() over the summaries kept finds the flows it finds
/// over all of them.
std::vector<bool> onFlowPaths(llvm::ArrayRef<CallGraphNode> Nodes, const KindPairs &Asked);

/// A CallGraphNode of a TU as its worker writes it for vibeguard scan: the functions
/// are named by USR, so that the scan can join the TUs' graphs.
struct FunctionNode {
  std::string USR;
  uint32_t SourceKinds = 0, SinkKinds = 0;
  bool Globals = false;
  std::vector<std::string> Calls; ///< USRs of the user functions it calls
};

/// Writes \p Functions as the attribute "functions" of the object \p J is in.
void writeFunctions(llvm::json::OStream &J, llvm::ArrayRef<FunctionNode> Functions);

/// Joins \p Summaries (several may share a USR: the same inline function in several
/// TUs; the first is used) and returns every source -> sink flow, each once, ordered
/// by sink location, then source location.
std::vector<Flow> link(const std::vector<FunctionSummary> &Summaries);

/// Writes a translation unit's summaries as the attributes "summaries" and "files" of
/// the object \p J is in. A step names its file by its index in "files", so a path is
/// written once, and what is empty or zero is left out: a worker writes, and scan
/// reads, megabytes of these.
void writeSummaries(llvm::json::OStream &J, llvm::ArrayRef<FunctionSummary> Summaries);
/// The same as an object {"summaries": [...], "files": [...]}, with "functions" when
/// \p Functions are given.
llvm::json::Object toJSON(llvm::ArrayRef<FunctionSummary> Summaries,
                          llvm::ArrayRef<FunctionNode> Functions = {});
/// Appends to \p Out the summaries in \p Text, the JSON text of an object holding what
/// writeSummaries wrote, and to \p Functions what writeFunctions wrote there (if
/// anything); its other attributes go to \p Rest. \p What names the file for the
/// error.
llvm::Error summariesFromText(llvm::StringRef Text, llvm::StringRef What,
                              std::vector<FunctionSummary> &Out,
                              llvm::json::Object *Rest = nullptr,
                              std::vector<FunctionNode> *Functions = nullptr);

} // namespace vibeguard::taint

#endif
