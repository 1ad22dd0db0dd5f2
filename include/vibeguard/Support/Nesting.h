//===- Nesting.h - Refusing data nested deeper than a parser's stack allows ---===//
//
// llvm::json::parse recurses once per nesting level, and so do a json::Value's
// destructor and printer; llvm::yaml's parser and yaml::Input do the same. A file nested
// tens of thousands of levels deep ('[[[[...') exhausts the stack: the tool would die
// with a segmentation fault instead of naming the file. vibeguard reads its inputs'
// nesting first, in one loop, and refuses what is deeper than any file it reads needs.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_SUPPORT_NESTING_H
#define VIBEGUARD_SUPPORT_NESTING_H

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace vibeguard {

/// Deeper than this is refused. SARIF logs, compile databases, models and triage files
/// nest a dozen levels at most.
inline constexpr unsigned MaxNesting = 512;

/// "line L: nested more than 512 levels deep" where \p Text (JSON) first goes deeper
/// than MaxNesting; empty when it does not.
std::string jsonNestingError(llvm::StringRef Text);

/// The same for YAML: flow collections ([ {), block collections (by indentation) and
/// sequence entries opened on one line ("- - -") all count.
std::string yamlNestingError(llvm::StringRef Text);

/// llvm::json::parse, after jsonNestingError. The error is one line, without the file's
/// name (the caller adds it).
llvm::Expected<llvm::json::Value> parseJSON(llvm::StringRef Text);

} // namespace vibeguard

#endif
