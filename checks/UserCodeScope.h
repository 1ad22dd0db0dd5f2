//===- UserCodeScope.h - Matchers that skip the system headers ----------------===//
//
// clang-tidy 19's MatchFinder walks the whole translation unit, the system headers'
// declarations included (in C++, most of it: libstdc++'s templates), and every
// vibeguard matcher then throws their nodes away (unless(isExpansionInSystemHeader())).
// Each vibeguard check owns a UserCodeScope: when the finder meets the translation unit
// first, the scope restricts its walk to the top-level declarations outside system
// headers (ASTContext::setTraversalScope, as clangd does for the main file), and puts
// the whole unit back when the walk ends, for what runs after it (the static analyzer).
// Nothing changes when system headers are asked for (--system-headers) or when someone
// (clangd) has already narrowed the scope.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_USERCODESCOPE_H
#define VIBEGUARD_CHECKS_USERCODESCOPE_H

#include "clang-tidy/ClangTidyCheck.h"

namespace vibeguard::tidy {

class UserCodeScope : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  /// \p Owner: the check, which registers no matcher of its own (NodeDispatch.h), to
  /// which the finder's start and end of a translation unit are passed on.
  UserCodeScope(const clang::tidy::ClangTidyContext *Ctx,
                clang::ast_matchers::MatchFinder::MatchCallback *Owner)
      : TidyCtx(Ctx), Owner(Owner) {}
  /// Call from the owning check's registerMatchers.
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder);
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Owner->onStartOfTranslationUnit(); }
  void onEndOfTranslationUnit() override;
  llvm::StringRef getID() const override { return "vibeguard-user-code-scope"; }

private:
  const clang::tidy::ClangTidyContext *TidyCtx;
  clang::ast_matchers::MatchFinder::MatchCallback *Owner;
  clang::ASTContext *Narrowed = nullptr; ///< the unit this scope restricted
};

} // namespace vibeguard::tidy

#endif
