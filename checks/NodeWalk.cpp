//===- NodeWalk.cpp -------------------------------------------------------===//
#include "NodeWalk.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace vibeguard::tidy {

namespace {

bool inSystemHeader(SourceLocation Loc, const SourceManager &SM) {
  SourceLocation E = SM.getExpansionLoc(Loc);
  return E.isValid() && SM.isInSystemHeader(E);
}

/// Hands \p N to the handlers of its kind, if it is of that kind and some handler wants
/// it. \returns whether it was of that kind (a node is of at most one).
template <class Node, class Base>
bool handle(const NodeWalk::Handlers<Node> &H, const Base &N, SourceLocation Loc,
            ASTContext &Ctx) {
  if (H.empty())
    return false;
  const auto *X = llvm::dyn_cast<Node>(&N);
  if (!X)
    return false;
  if (inSystemHeader(Loc, Ctx.getSourceManager()))
    return true;
  for (const auto &F : H)
    F(*X, Ctx);
  return true;
}

} // namespace

/// The MatchFinder's walk (clang/lib/ASTMatchers/ASTMatchFinder.cpp, MatchASTVisitor),
/// as a matcher with the default traversal kind sees it: a node is handed over when
/// TraverseDecl, TraverseStmt or TraverseConstructorInitializer reaches it, before its
/// children; with data recursion, TraverseStmt reaches the children of a statement as
/// they are queued, all of them before the first one's subtree. Where the MatchFinder
/// walks a node its own way, only the parts a TK_AsIs matcher is shown are walked here,
/// in the same order.
struct NodeWalker : RecursiveASTVisitor<NodeWalker> {
  using Base = RecursiveASTVisitor<NodeWalker>;
  NodeWalk &W;
  ASTContext &Ctx;
  NodeWalker(NodeWalk &W, ASTContext &Ctx) : W(W), Ctx(Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitLambdaBody() const { return false; } // walked below, once

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    W.see(*D, Ctx);
    return Base::TraverseDecl(D);
  }
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (!S)
      return true;
    W.see(*S, Ctx);
    return Base::TraverseStmt(S, Queue);
  }
  bool TraverseConstructorInitializer(CXXCtorInitializer *I) {
    if (!I)
      return true;
    W.see(*I, Ctx);
    return Base::TraverseConstructorInitializer(I);
  }

  bool dataTraverseNode(Stmt *S, DataRecursionQueue *Queue) {
    if (auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      // The desugared statement (range, begin, end, condition, increment, the loop
      // variable), then the body.
      for (Stmt *Child : For->children())
        if (Child != For->getBody())
          TraverseStmt(Child);
      TraverseStmt(For->getBody());
      return true;
    }
    if (auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(S)) {
      for (Stmt *Child : Rewritten->children()) // the semantic form
        TraverseStmt(Child);
      return true;
    }
    if (auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      auto Init = Lambda->capture_init_begin();
      for (const LambdaCapture &C : Lambda->captures())
        TraverseLambdaCapture(Lambda, &C, *Init++);
      TraverseDecl(Lambda->getLambdaClass()); // its call operator without the body
      // The MatchFinder queues a noexcept(...) expression from a scope that hides it
      // from TK_AsIs matchers; dequeued later, outside that scope, its children are
      // shown (again: the call operator's type showed them too). Without a queue it
      // shows nothing.
      if (Queue)
        if (const TypeSourceInfo *TSI = Lambda->getCallOperator()->getTypeSourceInfo())
          if (auto Proto = TSI->getTypeLoc().getAsAdjusted<FunctionProtoTypeLoc>())
            if (Expr *NE = Proto.getTypePtr()->getNoexceptExpr())
              Queue->push_back({NE, false});
      TraverseStmt(Lambda->getBody());
      return true;
    }
    return Base::dataTraverseNode(S, Queue);
  }
};

void NodeWalk::walk(ASTContext &Ctx) {
  NodeWalker Walker(*this, Ctx);
  Walker.TraverseAST(Ctx);
}

void NodeWalk::see(const Stmt &S, ASTContext &Ctx) {
  SourceLocation L = S.getBeginLoc();
  handle(std::get<Handlers<CallExpr>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<CXXConstructExpr>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<StringLiteral>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<BinaryOperator>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<InitListExpr>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<ForStmt>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<WhileStmt>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<DoStmt>>(All), S, L, Ctx) ||
      handle(std::get<Handlers<CXXForRangeStmt>>(All), S, L, Ctx);
}

void NodeWalk::see(const Decl &D, ASTContext &Ctx) {
  SourceLocation L = D.getBeginLoc();
  handle(std::get<Handlers<VarDecl>>(All), D, L, Ctx) ||
      handle(std::get<Handlers<FieldDecl>>(All), D, L, Ctx) ||
      handle(std::get<Handlers<FunctionDecl>>(All), D, L, Ctx) ||
      handle(std::get<Handlers<TranslationUnitDecl>>(All), D, L, Ctx);
}

void NodeWalk::see(const CXXCtorInitializer &I, ASTContext &Ctx) {
  const auto &H = std::get<Handlers<CXXCtorInitializer>>(All);
  if (H.empty() || inSystemHeader(I.getSourceLocation(), Ctx.getSourceManager()))
    return;
  for (const auto &F : H)
    F(I, Ctx);
}

} // namespace vibeguard::tidy
