//===- VibeGuardCheck.h - What every vibeguard check shares -------------------===//
#ifndef VIBEGUARD_CHECKS_VIBEGUARDCHECK_H
#define VIBEGUARD_CHECKS_VIBEGUARDCHECK_H

#include "UserCodeScope.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace vibeguard::tidy {

/// A clang-tidy check of the vibeguard module. Its registerMatchers starts with
/// UserCode.registerMatchers(Finder): the finder then skips the system headers'
/// declarations, which no vibeguard matcher reports (UserCodeScope.h).
class VibeGuardCheck : public clang::tidy::ClangTidyCheck {
public:
  VibeGuardCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), UserCode(Ctx) {}

protected:
  UserCodeScope UserCode;
};

} // namespace vibeguard::tidy

#endif
