//===- TriageFuzzer.cpp - Fuzzes the triage file reader ------------------------===//
#include "vibeguard/Report/Triage.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto T = vibeguard::report::parseTriage(Text, "fuzz-triage.yaml");
  if (!T) {
    llvm::consumeError(T.takeError());
    return 0;
  }
  // Round trip: what set writes must read back.
  auto Again = vibeguard::report::parseTriage(vibeguard::report::toYAML(*T), "again.yaml");
  if (!Again)
    __builtin_trap();
  return 0;
}
