//===- YAML.h - Parsing data files with one-line errors ---------------------===//
#ifndef VIBEGUARD_SUPPORT_YAML_H
#define VIBEGUARD_SUPPORT_YAML_H

#include "vibeguard/Support/Nesting.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <string>

namespace vibeguard {

/// "LINE:COL: MESSAGE" of a YAML parser's diagnostic (columns from 1).
inline std::string diagnosticText(const llvm::SMDiagnostic &D) {
  return (llvm::Twine(D.getLineNo()) + ":" + llvm::Twine(D.getColumnNo() + 1) + ": " +
          D.getMessage())
      .str();
}

/// Parses \p Text (named \p Name in errors) into \p Out with llvm::yaml traits. The
/// first problem becomes one error line, "NAME:LINE:COL: MESSAGE"; nothing is printed.
template <typename T>
llvm::Error parseYAML(llvm::StringRef Text, llvm::StringRef Name, T &Out) {
  if (std::string Deep = yamlNestingError(Text); !Deep.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s: %s",
                                   Name.str().c_str(), Deep.c_str());
  std::string FirstError;
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    auto &S = *static_cast<std::string *>(Ctx);
    if (S.empty())
      S = diagnosticText(D);
  };
  llvm::yaml::Input In(Text, /*Ctxt=*/nullptr, Handler, &FirstError);
  In >> Out;
  if (!In.error() && FirstError.empty())
    return llvm::Error::success();
  return llvm::createStringError(
      In.error() ? In.error() : std::make_error_code(std::errc::invalid_argument),
      "%s:%s", Name.str().c_str(),
      FirstError.empty() ? " malformed YAML" : FirstError.c_str());
}

} // namespace vibeguard

#endif
