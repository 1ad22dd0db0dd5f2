//===- VibeGuardYAMLPack.cpp - Packs a built-in YAML data file --------------===//
//
// usage: vibeguard-yaml-pack IN.yaml OUT
// Writes the packed form of IN (vibeguard/Support/YAMLPack.h) to OUT, through a
// temporary file: a broken IN leaves no OUT and one error line naming it.
//
//===----------------------------------------------------------------------===//
#include "vibeguard/Support/YAMLPack.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: vibeguard-yaml-pack IN.yaml OUT\n";
    return 2;
  }
  llvm::StringRef In = argv[1], Out = argv[2];
  auto Buf = llvm::MemoryBuffer::getFile(In);
  if (!Buf) {
    llvm::errs() << "vibeguard-yaml-pack: error: " << In
                 << ": cannot read: " << Buf.getError().message() << "\n";
    return 1;
  }
  auto Packed = vibeguard::packYAML((*Buf)->getBuffer(), In);
  if (!Packed) {
    llvm::errs() << "vibeguard-yaml-pack: error: " << llvm::toString(Packed.takeError())
                 << "\n";
    return 1;
  }
  std::string Tmp = (Out + ".tmp").str();
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Tmp, EC, llvm::sys::fs::OF_None);
    if (!EC) {
      OS << *Packed;
      OS.close();
      EC = OS.error();
    }
    if (EC) {
      llvm::sys::fs::remove(Tmp);
      llvm::errs() << "vibeguard-yaml-pack: error: " << Tmp << ": " << EC.message() << "\n";
      return 1;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Out)) {
    llvm::sys::fs::remove(Tmp);
    llvm::errs() << "vibeguard-yaml-pack: error: " << Out << ": " << EC.message() << "\n";
    return 1;
  }
  return 0;
}
