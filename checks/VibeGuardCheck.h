//===- VibeGuardCheck.h - What every vibeguard check shares -------------------===//
#ifndef VIBEGUARD_CHECKS_VIBEGUARDCHECK_H
#define VIBEGUARD_CHECKS_VIBEGUARDCHECK_H

#include "NodeDispatch.h"
#include "UserCodeScope.h"
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

/// A clang-tidy check of the vibeguard module. Its registerMatchers starts with
/// UserCode.registerMatchers(Finder): the finder then skips the system headers'
/// declarations, which no vibeguard check reports (UserCodeScope.h). It asks for the
/// nodes it looks at with onEach, not with matchers of its own (NodeDispatch.h); the
/// finder's start and end of each translation unit still reach it.
class VibeGuardCheck : public clang::tidy::ClangTidyCheck {
public:
  VibeGuardCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), UserCode(Ctx, this) {}

protected:
  /// Calls \p Fn for every node of type T the finder walks outside system headers.
  template <class T>
  void onEach(clang::ast_matchers::MatchFinder *Finder,
              std::function<void(const T &, clang::ASTContext &)> Fn) {
    if (!Dispatch)
      Dispatch = NodeDispatch::of(Finder);
    Dispatch->add<T>(std::move(Fn));
  }

  UserCodeScope UserCode;

private:
  std::shared_ptr<NodeDispatch> Dispatch;
};

} // namespace vibeguard::tidy

#endif
