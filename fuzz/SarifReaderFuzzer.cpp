//===- SarifReaderFuzzer.cpp - Fuzzes the SARIF reader of merge/report/diff ----===//
#include "vibeguard/Report/Findings.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto R = vibeguard::report::parseScanSarif(Text, "fuzz.sarif");
  if (!R) {
    llvm::consumeError(R.takeError());
    return 0;
  }
  // What a merge does with it: order, fingerprint, write again.
  vibeguard::report::finalize(*R);
  (void)vibeguard::report::toText(*R);
  (void)vibeguard::report::toJSON(*R);
  return 0;
}
