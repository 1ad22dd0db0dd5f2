//===- TaintModelFuzzer.cpp - Fuzzes the taint model reader --------------------===//
#include "vibeguard/Analysis/TaintModel.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto M = vibeguard::taint::TaintModel::parse(Text, "fuzz-model.yaml");
  if (!M) {
    llvm::consumeError(M.takeError());
    return 0;
  }
  // What loads must be usable: every entry has a name and valid indices.
  for (const auto &S : M->Sinks)
    if (S.Name.empty() || (S.Args.empty() && !S.VariadicIndex))
      __builtin_trap();
  for (const auto &S : M->Sources)
    (void)M->findSource(S.Scope + S.Name);
  return 0;
}
