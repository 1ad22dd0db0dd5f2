//===- VibeGuardTidyMain.cpp - clang-tidy with the vibeguard checks ---------===//
#include "clang-tidy/tool/ClangTidyMain.h"

int main(int argc, const char **argv) {
  return clang::tidy::clangTidyMain(argc, argv);
}
