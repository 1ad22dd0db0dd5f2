//===- NodeWalk.h - The nodes a MatchFinder would hand the checks, for less --===//
//
// clang-tidy's MatchFinder walks the translation unit with a RecursiveASTVisitor of its
// own and, at every node, tries each registered matcher: a lookup of the matchers for
// the node's kind, a traversal-kind scope, a BoundNodesTreeBuilder, a MatchResult. With
// nothing but plain node matchers (what the vibeguard checks register), that machinery
// cost more than the checks: libxml2's parser.c, about 66M instructions of matching for
// 47M of the checks' own work (clang -fsyntax-only: 530M).
//
// A NodeWalk holds handlers per node kind and walks the declarations of the context's
// traversal scope itself, handing each handler the nodes a MatchFinder would hand a
// matcher of that kind (default traversal, TK_AsIs), in the order it would: template
// instantiations and implicit code included; a node's direct children before their
// subtrees (the visitor's data recursion), except in a range-based for, a rewritten
// binary operator and a lambda, which the MatchFinder walks depth first. A unit test
// (test/unit/NodeWalkTest.cpp) compares the two on C and C++ code.
//
// Nodes outside system headers only (by the expansion location of their start, as
// isExpansionInSystemHeader), tested once per node that some handler wants.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_NODEWALK_H
#define VIBEGUARD_CHECKS_NODEWALK_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <functional>
#include <tuple>
#include <vector>

namespace vibeguard::tidy {

/// The node class a handler for T is filed under: a subclass is handed to the handlers
/// of its own type by a dyn_cast.
template <class T> struct WalkRoot { using Node = T; };
template <> struct WalkRoot<clang::CXXOperatorCallExpr> { using Node = clang::CallExpr; };
template <> struct WalkRoot<clang::CXXMemberCallExpr> { using Node = clang::CallExpr; };
template <> struct WalkRoot<clang::CXXTemporaryObjectExpr> {
  using Node = clang::CXXConstructExpr;
};

class NodeWalk {
public:
  template <class Node>
  using Handlers = std::vector<std::function<void(const Node &, clang::ASTContext &)>>;

  /// Calls \p Fn for every node of type T the walk meets outside system headers.
  template <class T> void add(std::function<void(const T &, clang::ASTContext &)> Fn) {
    using Node = typename WalkRoot<T>::Node;
    Handlers<Node> &H = std::get<Handlers<Node>>(All);
    if constexpr (std::is_same_v<T, Node>)
      H.push_back(std::move(Fn));
    else
      H.push_back([Fn = std::move(Fn)](const Node &N, clang::ASTContext &Ctx) {
        if (const auto *X = llvm::dyn_cast<T>(&N))
          Fn(*X, Ctx);
      });
  }

  /// The translation unit's handlers, then a walk of the traversal scope of \p Ctx.
  void walk(clang::ASTContext &Ctx);

private:
  friend struct NodeWalker;
  void see(const clang::Stmt &S, clang::ASTContext &Ctx);
  void see(const clang::Decl &D, clang::ASTContext &Ctx);
  void see(const clang::CXXCtorInitializer &I, clang::ASTContext &Ctx);

  std::tuple<Handlers<clang::CallExpr>, Handlers<clang::CXXConstructExpr>,
             Handlers<clang::StringLiteral>, Handlers<clang::BinaryOperator>,
             Handlers<clang::InitListExpr>, Handlers<clang::ForStmt>,
             Handlers<clang::WhileStmt>, Handlers<clang::DoStmt>,
             Handlers<clang::CXXForRangeStmt>, Handlers<clang::VarDecl>,
             Handlers<clang::FieldDecl>, Handlers<clang::FunctionDecl>,
             Handlers<clang::TranslationUnitDecl>, Handlers<clang::CXXCtorInitializer>>
      All;
};

} // namespace vibeguard::tidy

#endif
