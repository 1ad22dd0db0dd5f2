//===- PluginVersionGuard.cpp - The --load module: a version-checking shim ---===//
//
// `clang-tidy --load=VibeGuardTidyModule.so` loads this file, which references no
// Clang symbol, so it loads into any clang-tidy. The checks' C++ symbols would bind to
// whatever clang-tidy loads them, and one of another Clang version has other class
// layouts: its dynamic loader rejects them with an "undefined symbol" line, or worse,
// accepts them and misbehaves. So this shim first compares the host's Clang version
// with the one the checks were compiled against, stops with a clear message if they
// differ, and only then loads the checks (VibeGuardTidyChecks.so, beside it).
//
//===----------------------------------------------------------------------===//
#include "vibeguard/Config.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {
/// "Debian clang version 19.1.7 (...)" -> "19.1.7"; "" when there is no version.
std::string versionNumber(const std::string &Full) {
  size_t At = Full.find("version ");
  if (At == std::string::npos)
    return "";
  size_t Begin = At + 8, End = Begin;
  while (End < Full.size() && (isdigit((unsigned char)Full[End]) || Full[End] == '.'))
    ++End;
  return Full.substr(Begin, End - Begin);
}

std::string major(const std::string &V) { return V.substr(0, V.find('.')); }

void loadChecks() {
  Dl_info Self;
  if (!dladdr(reinterpret_cast<void *>(&loadChecks), &Self) || !Self.dli_fname) {
    std::fprintf(stderr, "error: vibeguard: cannot locate its own module file\n");
    std::_Exit(1);
  }
  std::string Path = Self.dli_fname;
  size_t Slash = Path.rfind('/');
  Path = (Slash == std::string::npos ? std::string() : Path.substr(0, Slash + 1)) +
         "VibeGuardTidyChecks.so";
  // RTLD_GLOBAL: the checks register into the host's clang-tidy module registry.
  if (!dlopen(Path.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
    std::fprintf(stderr, "error: vibeguard: cannot load %s: %s\n", Path.c_str(),
                 dlerror());
    std::_Exit(1);
  }
}

struct VersionGuard {
  VersionGuard() {
    if (std::getenv("VIBEGUARD_SKIP_VERSION_CHECK"))
      return;
    // clang::getClangFullVersion(), looked up in the host rather than linked, so the
    // answer is the host's even when another libclang-cpp is in the process.
    using VersionFn = std::string (*)();
    auto *Fn = reinterpret_cast<VersionFn>(
        dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev"));
    std::string Host = Fn ? versionNumber(Fn()) : "";
    std::string Built = VIBEGUARD_CLANG_VERSION;
    if (!Host.empty() && major(Host) == major(Built)) {
      loadChecks();
      return;
    }
    std::fprintf(stderr,
                 "error: the vibeguard clang-tidy module was built for Clang %s and "
                 "cannot be loaded into a clang-tidy of Clang %s; use clang-tidy-%s "
                 "or vibeguard-tidy\n",
                 Built.c_str(), Host.empty() ? "(unknown version)" : Host.c_str(),
                 major(Built).c_str());
    std::_Exit(1);
  }
} Guard;
} // namespace
