//===- CompileDatabase.h - Loading compile_commands.json for vibeguard scan ---===//
#ifndef VIBEGUARD_SCAN_COMPILEDATABASE_H
#define VIBEGUARD_SCAN_COMPILEDATABASE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace vibeguard::scan {

/// One compile command with absolute, normalised paths.
struct CompileEntry {
  std::string Directory;
  std::string File;
  std::vector<std::string> Arguments;
};

struct CompileDatabase {
  std::string Path; ///< the compile_commands.json read
  std::vector<CompileEntry> Entries;
  /// Entries dropped, one line each: "entry 7: /src/gone.c: no such file".
  std::vector<std::string> Skipped;
};

/// Reads \p PathOrDir (a compile_commands.json, or a build directory holding one).
/// Relative "directory" values are relative to the database's folder and relative
/// "file" values to their "directory"; "command" strings are split like a shell;
/// identical entries appear once; entries whose file does not exist are skipped (and
/// listed). A database that is not a JSON array of such objects is an error naming the
/// file, the entry and the problem.
llvm::Expected<CompileDatabase> loadCompileDatabase(llvm::StringRef PathOrDir);
/// The same, from \p Text already read from the absolute \p Path.
llvm::Expected<CompileDatabase> parseCompileDatabase(llvm::StringRef Text,
                                                     llvm::StringRef Path);

} // namespace vibeguard::scan

#endif
