//===- CatalogFuzzer.cpp - Fuzzes the rule catalog's YAML loader (--catalog) ---===//
#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Support/Embedded.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto C = vibeguard::Catalog::parse(Text, "fuzz.yaml", vibeguard::embedded::annexA(),
                                     "annex-a.yaml");
  if (!C)
    llvm::consumeError(C.takeError());
  return 0;
}
