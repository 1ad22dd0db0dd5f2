//===- NodeDispatch.cpp ---------------------------------------------------===//
#include "NodeDispatch.h"

#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

#include <map>
#include <mutex>

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

std::shared_ptr<NodeDispatch> NodeDispatch::of(MatchFinder *Finder,
                                               const clang::tidy::ClangTidyContext *TidyCtx) {
  // clangd builds ASTs on several threads, each with its own finder.
  static std::mutex Lock;
  static std::map<MatchFinder *, std::weak_ptr<NodeDispatch>> All;
  std::lock_guard<std::mutex> Guard(Lock);
  for (auto It = All.begin(); It != All.end();) // a finder's checks are gone: so is it
    It = It->second.expired() ? All.erase(It) : std::next(It);
  std::weak_ptr<NodeDispatch> &W = All[Finder];
  std::shared_ptr<NodeDispatch> D = W.lock();
  if (!D) {
    D = std::make_shared<NodeDispatch>(TidyCtx);
    Finder->addMatcher(translationUnitDecl().bind("unit"), D.get());
    W = D;
  }
  return D;
}

bool NodeDispatch::othersEnabled(const clang::tidy::ClangTidyContext &TidyCtx) {
  // Per process and set of globs: the names are the registry's, the answer the globs'.
  static std::mutex Lock;
  static std::vector<std::string> Names;
  static std::map<std::string, bool> ByGlobs;
  std::lock_guard<std::mutex> Guard(Lock);
  std::string Globs = TidyCtx.getOptions().Checks.value_or("");
  auto [It, New] = ByGlobs.try_emplace(Globs, false);
  if (!New)
    return It->second;
  if (Names.empty())
    for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries()) {
      clang::tidy::ClangTidyCheckFactories Factories;
      Entry.instantiate()->addCheckFactories(Factories);
      for (const auto &F : Factories)
        if (!F.getKey().starts_with("vibeguard-"))
          Names.push_back(F.getKey().str());
    }
  for (const std::string &Name : Names)
    if (TidyCtx.isCheckEnabled(Name))
      return It->second = true;
  return false;
}

void NodeDispatch::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  Original = Ctx.getTraversalScope();
  Changed = &Ctx;
  bool WholeUnit = Original.size() == 1 && isa<TranslationUnitDecl>(Original.front());
  std::vector<Decl *> &Scope = Walked;
  Scope = Original;
  if (WholeUnit && !TidyCtx->getOptions().SystemHeaders.value_or(false)) {
    const SourceManager &SM = Ctx.getSourceManager();
    Scope.clear();
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation Loc = D->getLocation();
      if (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
        continue;
      Scope.push_back(D);
    }
    Ctx.setTraversalScope(Scope);
  }
  Walk.walk(Ctx);
  // The finder walks for the other checks what it would have walked without vibeguard
  // (a drop-in clang-tidy does not change what upstream checks see); for none, nothing.
  if (!othersEnabled(*TidyCtx))
    Ctx.setTraversalScope({});
  else if (Ctx.getTraversalScope() != Original)
    Ctx.setTraversalScope(Original);
}

void NodeDispatch::onStartOfTranslationUnit() {
  for (MatchFinder::MatchCallback *C : Checks)
    C->onStartOfTranslationUnit();
}

void NodeDispatch::onEndOfTranslationUnit() {
  if (Changed && Changed->getTraversalScope() != Walked)
    Changed->setTraversalScope(Walked);
  for (MatchFinder::MatchCallback *C : Checks)
    C->onEndOfTranslationUnit();
  if (!Changed)
    return;
  if (Changed->getTraversalScope() != Original)
    Changed->setTraversalScope(Original);
  Changed = nullptr;
  Original.clear();
  Walked.clear();
}

} // namespace vibeguard::tidy
