//===- NodeDispatch.h - One matcher per node kind for every vibeguard check ---===//
//
// The MatchFinder tries every registered matcher on every node of its kind: with ten
// checks each matching every call (callExpr(unless(isExpansionInSystemHeader())) and
// friends), the matching machinery cost more than the checks' own work (sqlite3.c:
// about 300M instructions of matcher evaluation for one check whose callbacks took
// 60M). A NodeDispatch registers one plain matcher per node kind with the finder, tests
// the system header once per node, and calls each check's handler for that kind
// directly, in the order the checks subscribed. A check subscribes through
// VibeGuardCheck::onEach in its registerMatchers; the finder walks the same nodes as
// before (template instances and implicit code included).
//
// One NodeDispatch per MatchFinder, shared by the checks that subscribe (they own it:
// it lives as long as they do, which outlives the finder's walk).
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_NODEDISPATCH_H
#define VIBEGUARD_CHECKS_NODEDISPATCH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <functional>
#include <memory>

namespace vibeguard::tidy {

/// The node kind a dispatcher matches for handlers of type T (a subclass is handed to
/// the handlers of its own type by a dyn_cast), and the matcher that finds it.
template <class T> struct DispatchRoot;
#define VIBEGUARD_DISPATCH_ROOT(Type, Root, Matcher)                                       \
  template <> struct DispatchRoot<clang::Type> {                                           \
    using Node = clang::Root;                                                              \
    static auto matcher() { return clang::ast_matchers::Matcher(); }                       \
  };
VIBEGUARD_DISPATCH_ROOT(CallExpr, CallExpr, callExpr)
VIBEGUARD_DISPATCH_ROOT(CXXOperatorCallExpr, CallExpr, callExpr)
VIBEGUARD_DISPATCH_ROOT(CXXMemberCallExpr, CallExpr, callExpr)
VIBEGUARD_DISPATCH_ROOT(CXXConstructExpr, CXXConstructExpr, cxxConstructExpr)
VIBEGUARD_DISPATCH_ROOT(CXXTemporaryObjectExpr, CXXConstructExpr, cxxConstructExpr)
VIBEGUARD_DISPATCH_ROOT(StringLiteral, StringLiteral, stringLiteral)
VIBEGUARD_DISPATCH_ROOT(BinaryOperator, BinaryOperator, binaryOperator)
VIBEGUARD_DISPATCH_ROOT(InitListExpr, InitListExpr, initListExpr)
VIBEGUARD_DISPATCH_ROOT(ForStmt, ForStmt, forStmt)
VIBEGUARD_DISPATCH_ROOT(WhileStmt, WhileStmt, whileStmt)
VIBEGUARD_DISPATCH_ROOT(DoStmt, DoStmt, doStmt)
VIBEGUARD_DISPATCH_ROOT(CXXForRangeStmt, CXXForRangeStmt, cxxForRangeStmt)
VIBEGUARD_DISPATCH_ROOT(VarDecl, VarDecl, varDecl)
VIBEGUARD_DISPATCH_ROOT(FieldDecl, FieldDecl, fieldDecl)
VIBEGUARD_DISPATCH_ROOT(FunctionDecl, FunctionDecl, functionDecl)
VIBEGUARD_DISPATCH_ROOT(TranslationUnitDecl, TranslationUnitDecl, translationUnitDecl)
VIBEGUARD_DISPATCH_ROOT(CXXCtorInitializer, CXXCtorInitializer, cxxCtorInitializer)
#undef VIBEGUARD_DISPATCH_ROOT

class NodeDispatch {
public:
  /// The dispatcher of \p Finder (made on first use).
  static std::shared_ptr<NodeDispatch> of(clang::ast_matchers::MatchFinder *Finder);

  explicit NodeDispatch(clang::ast_matchers::MatchFinder *Finder) : Finder(Finder) {}

  /// Calls \p Fn for every node of type T that the finder walks outside system
  /// headers (by the expansion location of its start, as isExpansionInSystemHeader).
  template <class T>
  void add(std::function<void(const T &, clang::ASTContext &)> Fn) {
    using Node = typename DispatchRoot<T>::Node;
    Root<Node> &R = root<Node>();
    if constexpr (std::is_same_v<T, Node>)
      R.Handlers.push_back(std::move(Fn));
    else
      R.Handlers.push_back([Fn = std::move(Fn)](const Node &N, clang::ASTContext &Ctx) {
        if (const auto *X = llvm::dyn_cast<T>(&N))
          Fn(*X, Ctx);
      });
  }

private:
  template <class Node>
  struct Root : clang::ast_matchers::MatchFinder::MatchCallback {
    static inline const char ID = 0; ///< its address names the kind
    std::vector<std::function<void(const Node &, clang::ASTContext &)>> Handlers;
    void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override {
      const Node *N = Result.Nodes.getNodeAs<Node>("node");
      if (!N || inSystemHeader(*N, *Result.SourceManager))
        return;
      for (auto &H : Handlers)
        H(*N, *Result.Context);
    }
    llvm::StringRef getID() const override { return "vibeguard-node-dispatch"; }
  };

  static bool inSystemHeader(const clang::CXXCtorInitializer &I,
                             const clang::SourceManager &SM) {
    return inSystemHeader(I.getSourceLocation(), SM);
  }
  template <class Node>
  static bool inSystemHeader(const Node &N, const clang::SourceManager &SM) {
    return inSystemHeader(N.getBeginLoc(), SM);
  }
  static bool inSystemHeader(clang::SourceLocation Loc, const clang::SourceManager &SM) {
    clang::SourceLocation E = SM.getExpansionLoc(Loc);
    return E.isValid() && SM.isInSystemHeader(E);
  }

  template <class Node> Root<Node> &root() {
    for (auto &[Key, R] : Roots)
      if (Key == &Root<Node>::ID)
        return *static_cast<Root<Node> *>(R.get());
    auto R = std::make_unique<Root<Node>>();
    Finder->addMatcher(DispatchRoot<Node>::matcher().bind("node"), R.get());
    Roots.emplace_back(&Root<Node>::ID, std::move(R));
    return *static_cast<Root<Node> *>(Roots.back().second.get());
  }

  clang::ast_matchers::MatchFinder *Finder;
  std::vector<std::pair<const void *, std::unique_ptr<clang::ast_matchers::MatchFinder::MatchCallback>>>
      Roots;
};

} // namespace vibeguard::tidy

#endif
