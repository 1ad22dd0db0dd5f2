//===- Scan.h - vibeguard scan ----------------------------------------------===//
#ifndef VIBEGUARD_TOOLS_SCAN_H
#define VIBEGUARD_TOOLS_SCAN_H

#include "llvm/ADT/ArrayRef.h"

namespace vibeguard {
/// `vibeguard scan ARGS...`; returns the process exit code.
int runScan(llvm::ArrayRef<const char *> Args);
/// `vibeguard merge SHARD.sarif...`: one log, as one scan would have written it.
int runMerge(llvm::ArrayRef<const char *> Args);
/// `vibeguard report`, `verify` and `diff` (Report.cpp).
int runReport(llvm::ArrayRef<const char *> Args);
int runVerify(llvm::ArrayRef<const char *> Args);
int runDiff(llvm::ArrayRef<const char *> Args);
int runTriage(llvm::ArrayRef<const char *> Args);
} // namespace vibeguard

#endif
