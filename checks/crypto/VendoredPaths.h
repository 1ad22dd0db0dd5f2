//===- VendoredPaths.h - The VendoredPaths option of the crypto checks ------===//
#ifndef VIBEGUARD_CHECKS_CRYPTO_VENDOREDPATHS_H
#define VIBEGUARD_CHECKS_CRYPTO_VENDOREDPATHS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "vibeguard/Secrets/Secrets.h"

namespace vibeguard::tidy {

/// Vendored crypto libraries are legitimately full of crypto constants and rounds:
/// the checks stay quiet in these directories (and in system headers).
inline constexpr llvm::StringLiteral DefaultVendoredPaths =
    "third_party/;third-party/;vendor/;external/;deps/";

inline std::vector<std::string>
readVendoredPaths(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                  std::string &Raw) {
  Raw = Options.getLocalOrGlobal("VendoredPaths", DefaultVendoredPaths).str();
  return secrets::splitList(Raw);
}

} // namespace vibeguard::tidy

#endif
