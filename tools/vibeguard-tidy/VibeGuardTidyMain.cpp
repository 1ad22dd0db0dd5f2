//===- VibeGuardTidyMain.cpp - clang-tidy with the vibeguard checks ---------===//
#include "clang-tidy/tool/ClangTidyMain.h"
#include "vibeguard/Config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, const char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "vibeguard " << VIBEGUARD_VERSION << " checks (vibeguard-*) built in\n";
  });
  return clang::tidy::clangTidyMain(argc, argv);
}
