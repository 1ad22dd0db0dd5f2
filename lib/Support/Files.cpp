//===- Files.cpp ----------------------------------------------------------===//
#include "vibeguard/Support/Files.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

namespace vibeguard {

namespace {
std::string cannotWrite(llvm::StringRef Path, const std::error_code &EC) {
  return Path.str() + ": cannot write: " + EC.message();
}

std::error_code writeTo(llvm::StringRef Path, llvm::StringRef Text,
                        llvm::sys::fs::OpenFlags Flags = llvm::sys::fs::OF_None) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, Flags);
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
  // /dev/stdout, /dev/fd/N, /proc/self/fd/N name a descriptor the process already has:
  // a shell's `> log` or `>> log` (appended to, as the shell's own writes are), a pipe, a
  // terminal. Written through, never renamed over.
  if (Path.starts_with("/dev/") || Path.starts_with("/proc/")) {
    if (std::error_code EC = writeTo(Path, Text, llvm::sys::fs::OF_Append))
      return cannotWrite(Path, EC);
    return "";
  }
  // A symbolic link keeps pointing where it did (even where nothing is yet): the file
  // it names is replaced.
  llvm::SmallString<256> Target(Path);
  llvm::sys::fs::file_status St;
  for (int Hops = 0; Hops < 16 && !llvm::sys::fs::status(Target, St, /*Follow=*/false) &&
                     St.type() == llvm::sys::fs::file_type::symlink_file;
       ++Hops) {
    char Buf[4096];
    ssize_t N = ::readlink(Target.c_str(), Buf, sizeof Buf);
    if (N <= 0 || size_t(N) >= sizeof Buf)
      break;
    llvm::StringRef To(Buf, N);
    if (llvm::sys::path::is_absolute(To)) {
      Target = To;
    } else {
      llvm::SmallString<256> Next(llvm::sys::path::parent_path(Target));
      llvm::sys::path::append(Next, To);
      Target = Next;
    }
  }
  // A device or a pipe is written as it is.
  if (!llvm::sys::fs::status(Target, St) && llvm::sys::fs::exists(St) &&
      !llvm::sys::fs::is_regular_file(St)) {
    if (std::error_code EC = writeTo(Target, Text))
      return cannotWrite(Path, EC);
    return "";
  }
  std::string Tmp = (Target + ".tmp").str();
  std::error_code EC = writeTo(Tmp, Text);
  if (!EC)
    EC = llvm::sys::fs::rename(Tmp, Target);
  if (EC) {
    llvm::sys::fs::remove(Tmp);
    return cannotWrite(Path, EC);
  }
  return "";
}

} // namespace vibeguard
