//===- NodeDispatch.h - One walk of the user's code for every vibeguard check -===//
//
// The vibeguard checks register no matchers. Each asks for the nodes it looks at with
// VibeGuardCheck::onEach, and the NodeDispatch of their MatchFinder (one per finder,
// shared by the checks, which own it) hands them over from a NodeWalk (NodeWalk.h): the
// nodes a matcher of that kind would be given, in the same order, for a fraction of the
// matching machinery's cost.
//
// The dispatcher registers one translationUnitDecl() matcher. When the finder reaches
// the unit, before it walks anything else, the dispatcher
//  - narrows the context's traversal scope to the top-level declarations outside system
//    headers (as clangd does for the main file): no vibeguard check reports in system
//    headers, and in C++ they are most of the unit (libstdc++'s templates); not with
//    --system-headers, nor when the scope is narrowed already (clangd);
//  - walks that scope once for every subscribed check;
//  - leaves the finder nothing to walk (an empty scope) unless a check outside vibeguard
//    that may use the finder is enabled, in which case the finder walks the scope it
//    would have walked without vibeguard (system headers included, as clang-tidy does);
// and when the unit ends it passes the end on to the checks, in the order they
// subscribed, with the walk's scope in place (a handler may ask for parents), then puts
// the scope back as it was, for what runs after the finder (the static analyzer). The
// start of a unit reaches the checks through it too: a check registers nothing with the
// finder itself.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_NODEDISPATCH_H
#define VIBEGUARD_CHECKS_NODEDISPATCH_H

#include "NodeWalk.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace vibeguard::tidy {

class NodeDispatch : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  /// The dispatcher of \p Finder (made, and registered with it, on first use).
  static std::shared_ptr<NodeDispatch> of(clang::ast_matchers::MatchFinder *Finder,
                                          const clang::tidy::ClangTidyContext *TidyCtx);

  explicit NodeDispatch(const clang::tidy::ClangTidyContext *TidyCtx) : TidyCtx(TidyCtx) {}

  /// Calls \p Fn for every node of type T in the user's code (NodeWalk::add).
  template <class T> void add(std::function<void(const T &, clang::ASTContext &)> Fn) {
    Walk.add<T>(std::move(Fn));
  }
  /// Passes the start and the end of each unit on to \p Check.
  void subscribe(clang::ast_matchers::MatchFinder::MatchCallback *Check) {
    Checks.push_back(Check);
  }

  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  llvm::StringRef getID() const override { return "vibeguard-node-dispatch"; }

  /// Whether a check that is not a vibeguard check is enabled for the current file
  /// (clang-tidy's module registry against the context's check globs; the static
  /// analyzer's checks, which do not use the finder, are not in it).
  static bool othersEnabled(const clang::tidy::ClangTidyContext &TidyCtx);

private:
  NodeWalk Walk;
  std::vector<clang::ast_matchers::MatchFinder::MatchCallback *> Checks;
  const clang::tidy::ClangTidyContext *TidyCtx;
  clang::ASTContext *Changed = nullptr; ///< the unit whose scope this dispatcher set
  std::vector<clang::Decl *> Original;  ///< and its scope before
  std::vector<clang::Decl *> Walked;    ///< the scope walked
};

} // namespace vibeguard::tidy

#endif
