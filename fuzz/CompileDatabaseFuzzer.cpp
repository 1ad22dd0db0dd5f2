//===- CompileDatabaseFuzzer.cpp - Fuzzes the compile_commands.json loader -----===//
#include "vibeguard/Scan/CompileDatabase.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto DB = vibeguard::scan::parseCompileDatabase(Text, "/nonexistent/compile_commands.json");
  if (!DB)
    llvm::consumeError(DB.takeError());
  return 0;
}
