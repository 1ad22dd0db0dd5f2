//===- Files.h - Writing result files without half-written leftovers ---------===//
#ifndef VIBEGUARD_SUPPORT_FILES_H
#define VIBEGUARD_SUPPORT_FILES_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace vibeguard {

/// Writes \p Text to \p Path. A failure, on opening or on writing (a full disk, which
/// raw_fd_ostream would otherwise turn into an abort), removes the file and is returned
/// as "PATH: cannot write: REASON"; empty on success.
std::string writeFile(llvm::StringRef Path, llvm::StringRef Text);

/// The same, atomically: the text goes to PATH.tmp, renamed over \p Path once complete,
/// so that a reader never sees half a file and a failure leaves what was there. A path
/// that exists and is not a regular file (a device, a pipe, a symbolic link such as
/// /dev/stdout) is written through directly: renaming over it would replace it.
std::string writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace vibeguard

#endif
