//===- Scan.h - vibeguard scan ----------------------------------------------===//
#ifndef VIBEGUARD_TOOLS_SCAN_H
#define VIBEGUARD_TOOLS_SCAN_H

#include "llvm/ADT/ArrayRef.h"

namespace vibeguard {
/// `vibeguard scan ARGS...`; returns the process exit code.
int runScan(llvm::ArrayRef<const char *> Args);
} // namespace vibeguard

#endif
