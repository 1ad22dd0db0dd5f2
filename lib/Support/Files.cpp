//===- Files.cpp ----------------------------------------------------------===//
#include "vibeguard/Support/Files.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace vibeguard {

namespace {
std::string cannotWrite(llvm::StringRef Path, const std::error_code &EC) {
  return Path.str() + ": cannot write: " + EC.message();
}

std::error_code writeTo(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  if (EC)
    return EC;
  Out << Text;
  Out.close();
  if (Out.has_error()) {
    EC = Out.error();
    Out.clear_error();
  }
  return EC;
}
} // namespace

std::string writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  if (std::error_code EC = writeTo(Path, Text)) {
    llvm::sys::fs::remove(Path);
    return cannotWrite(Path, EC);
  }
  return "";
}

std::string writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::sys::fs::file_status St;
  // Not followed: a symbolic link (/dev/stdout -> /proc/self/fd/1) is written through,
  // not replaced.
  if (!llvm::sys::fs::status(Path, St, /*Follow=*/false) && llvm::sys::fs::exists(St) &&
      !llvm::sys::fs::is_regular_file(St)) {
    if (std::error_code EC = writeTo(Path, Text))
      return cannotWrite(Path, EC);
    return "";
  }
  std::string Tmp = (Path + ".tmp").str();
  std::error_code EC = writeTo(Tmp, Text);
  if (!EC)
    EC = llvm::sys::fs::rename(Tmp, Path);
  if (EC) {
    llvm::sys::fs::remove(Tmp);
    return cannotWrite(Path, EC);
  }
  return "";
}

} // namespace vibeguard
