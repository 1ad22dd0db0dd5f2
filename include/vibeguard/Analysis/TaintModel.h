//===- TaintModel.h - Sources, propagators, sanitizers and sinks as data ------===//
//
// The taint engine's models (DESIGN.md, "The taint engine"), read from YAML in the
// Clang Static Analyzer's taint configuration format (Filters, Propagations, Sinks with
// Name, Scope, Args, SrcArgs, DstArgs, VariadicType, VariadicIndex) extended with
// Sources, a Kind on sources and sinks, and Kinds on filters (the sink kinds a
// sanitizer protects; all when absent). A CSA configuration file loads unchanged; its
// sinks get the kind "generic" and its source-like propagations (no SrcArgs) stay
// propagations, as CSA treats them.
//
// Argument indices count from 0; -1 is the return value (as in CSA). For a member
// function, -2 is the object (`this`).
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_ANALYSIS_TAINTMODEL_H
#define VIBEGUARD_ANALYSIS_TAINTMODEL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace vibeguard::taint {

constexpr int ReturnValue = -1;
constexpr int ThisObject = -2;

/// A function by name: Name alone matches that name in any scope; with Scope ("std::",
/// "httplib::Request::", or "std" as CSA allows) the scope's parts must appear in order
/// among the function's enclosing scopes, as in the Static Analyzer.
struct FunctionRef {
  std::string Name;
  std::string Scope;
  bool matches(llvm::StringRef QualifiedName) const;
};

/// The variadic arguments from VariadicIndex on are sources of taint (Src) or receive
/// it (Dst): printf-like and scanf-like functions.
enum class Variadic { None, Src, Dst };

struct Source : FunctionRef {
  std::vector<int> Args; ///< what becomes tainted: -1 the result, N an out-argument
  std::optional<unsigned> VariadicIndex; ///< scanf-like: every argument from here on
  std::string Kind;      ///< user-input | environment | network | file | llm-output | secret | pii
  /// The entry names a data member, not a function: reading Scope::Name (req.body of
  /// an httplib::Request) is the source. Args and VariadicIndex are not used.
  bool Field = false;
};

/// Values whose names hold one of Terms (as the head of the name: "patient_email",
/// not "email_count") are sources of Kind where they are read (personal data).
struct NameSource {
  std::vector<std::string> Terms;
  std::string Kind;
};

struct Propagation : FunctionRef {
  std::vector<int> SrcArgs, DstArgs;
  Variadic VariadicType = Variadic::None;
  std::optional<unsigned> VariadicIndex;
};

struct Filter : FunctionRef {
  std::vector<int> Args;          ///< the arguments it cleans (or -1: its result is clean)
  std::vector<std::string> Kinds; ///< sink kinds it protects; empty = every kind
};

struct Sink : FunctionRef {
  std::vector<int> Args;
  std::optional<unsigned> VariadicIndex; ///< every argument from here on is a sink too
  std::string Kind = "generic"; ///< command | sql | format | path | ldap | xpath | url |
                                ///< html | header | llm-prompt | log | code | generic
  /// llm-prompt sinks: the message role the argument becomes ("user", "system"), and
  /// whether the prompt leaves the machine (a hosted model's API).
  std::string Role;
  bool Remote = false;
};

struct TaintModel {
  std::vector<Source> Sources;
  std::vector<Propagation> Propagations;
  std::vector<Filter> Filters;
  std::vector<Sink> Sinks;
  std::vector<NameSource> NameSources;

  /// Reads a model file's text; errors are one line, "NAME:LINE:COL: message".
  static llvm::Expected<TaintModel> parse(llvm::StringRef Text, llvm::StringRef Name);
  static llvm::Expected<TaintModel> readFile(llvm::StringRef Path);
  /// The built-in default model (lib/Analysis/taint-default.yaml).
  static const TaintModel &builtin();
  /// Adds \p Other's entries (a user's model extends the default).
  void merge(TaintModel Other);

  const Sink *findSink(llvm::StringRef QualifiedName) const;
  const Source *findSource(llvm::StringRef QualifiedName) const; ///< functions only
  const Source *findFieldSource(llvm::StringRef QualifiedName) const;
  const Propagation *findPropagation(llvm::StringRef QualifiedName) const;
  const Filter *findFilter(llvm::StringRef QualifiedName) const;
};

/// The kinds a model may name.
llvm::ArrayRef<llvm::StringRef> sourceKinds();
llvm::ArrayRef<llvm::StringRef> sinkKinds();

} // namespace vibeguard::taint

#endif
