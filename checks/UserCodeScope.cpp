//===- UserCodeScope.cpp --------------------------------------------------===//
#include "UserCodeScope.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

void UserCodeScope::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("vibeguard-scope-tu"), this);
}

void UserCodeScope::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  // Already narrowed: by another check's scope in this run, or by clangd.
  if (Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front()))
    return;
  if (TidyCtx->getOptions().SystemHeaders.value_or(false))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Decl *> User;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    SourceLocation Loc = D->getLocation();
    if (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      continue;
    User.push_back(D);
  }
  Ctx.setTraversalScope(User);
  Narrowed = &Ctx;
}

void UserCodeScope::onEndOfTranslationUnit() {
  Owner->onEndOfTranslationUnit();
  if (!Narrowed)
    return;
  Narrowed->setTraversalScope({Narrowed->getTranslationUnitDecl()});
  Narrowed = nullptr;
}

} // namespace vibeguard::tidy
