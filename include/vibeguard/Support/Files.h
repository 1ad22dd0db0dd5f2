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
/// so that a reader never sees half a file and a failure leaves what was there. A
/// symbolic link stays: the file it names is replaced the same way. A path under /dev/
/// or /proc/ (-o /dev/stdout: the shell's redirection, appended to as the shell's own
/// writes are), a device and a pipe are written through.
std::string writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace vibeguard

#endif
