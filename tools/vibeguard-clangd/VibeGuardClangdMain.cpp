//===- VibeGuardClangdMain.cpp - clangd with the vibeguard checks ----------===//
//
// clangd cannot load clang-tidy plugins; this is clangd 19 itself (Debian's
// libclangdMain.a) with the vibeguard module linked in, so `Checks: vibeguard-*` in a
// .clang-tidy gives live diagnostics in any LSP editor.
//
//===----------------------------------------------------------------------===//
// Declared in clang-tools-extra/clangd/tool/ClangdMain.h, which Debian does not ship;
// the definition is in libclangdMain.a.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

int main(int argc, char *argv[]) { return clang::clangd::clangdMain(argc, argv); }
