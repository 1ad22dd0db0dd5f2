//===- VibeGuardCheck.h - What every vibeguard check shares -------------------===//
#ifndef VIBEGUARD_CHECKS_VIBEGUARDCHECK_H
#define VIBEGUARD_CHECKS_VIBEGUARDCHECK_H

#include "NodeDispatch.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace vibeguard::tidy {

/// The nodes a vibeguard check is handed for one match (NodeDispatch), shaped like the
/// MatchResult of a matcher: Nodes.getNodeAs<T>(name), Context, SourceManager.
struct Matched {
  struct NodeList {
    llvm::SmallVector<std::pair<llvm::StringRef, clang::DynTypedNode>, 2> List;
    template <class T> const T *getNodeAs(llvm::StringRef Name) const {
      for (const auto &[N, D] : List)
        if (N == Name)
          return D.get<T>();
      return nullptr;
    }
  } Nodes;
  clang::ASTContext *Context;
  const clang::SourceManager *SourceManager;
  explicit Matched(clang::ASTContext &Ctx)
      : Context(&Ctx), SourceManager(&Ctx.getSourceManager()) {}
  template <class T> Matched &&with(llvm::StringRef Name, const T &Node) && {
    Nodes.List.push_back({Name, clang::DynTypedNode::create(Node)});
    return std::move(*this);
  }
};

/// A clang-tidy check of the vibeguard module. It registers no matcher: it asks for the
/// nodes it looks at with onEach, in its registerMatchers, and a NodeDispatch shared by
/// the checks of the finder hands them over from one walk of the user's code (outside
/// system headers); the start and the end of each translation unit reach it through the
/// dispatcher too (NodeDispatch.h).
class VibeGuardCheck : public clang::tidy::ClangTidyCheck {
public:
  VibeGuardCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), TidyCtx(Ctx) {}

protected:
  /// Calls \p Fn for every node of type T the walk meets outside system headers.
  template <class T>
  void onEach(clang::ast_matchers::MatchFinder *Finder,
              std::function<void(const T &, clang::ASTContext &)> Fn) {
    if (!Dispatch) {
      Dispatch = NodeDispatch::of(Finder, TidyCtx);
      Dispatch->subscribe(this);
    }
    Dispatch->add<T>(std::move(Fn));
  }

private:
  const clang::tidy::ClangTidyContext *TidyCtx;
  std::shared_ptr<NodeDispatch> Dispatch;
};

} // namespace vibeguard::tidy

#endif
