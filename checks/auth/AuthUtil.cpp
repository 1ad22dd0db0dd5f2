//===- AuthUtil.cpp ---------------------------------------------------------===//
#include "AuthUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

std::string mentionedName(const Expr *E, Role R) {
  if (!E)
    return "";
  std::string Direct = ast::nameOfValue(E);
  if (!Direct.empty() && classifyRole(Direct) == R)
    return Direct;
  std::string Found;
  ast::forEachSubStmt(E, [&](const Stmt &S) {
    if (!Found.empty())
      return;
    const ValueDecl *D = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(&S))
      D = DRE->getDecl();
    else if (const auto *ME = dyn_cast<MemberExpr>(&S))
      D = ME->getMemberDecl();
    if (D && D->getIdentifier() && classifyRole(D->getName()) == R &&
        ast::isStringLike(D->getType()))
      Found = D->getNameAsString();
  });
  return Found;
}

std::optional<PasswordComparison> asPasswordComparison(const Stmt &S,
                                                       const ASTContext &Ctx) {
  std::optional<ast::Comparison> Cmp = ast::asComparison(S);
  if (!Cmp || ast::isTrivialOperand(Cmp->LHS, Ctx) || ast::isTrivialOperand(Cmp->RHS, Ctx))
    return std::nullopt;
  Role L = classifyRole(ast::nameOfValue(Cmp->LHS));
  Role R = classifyRole(ast::nameOfValue(Cmp->RHS));
  // password_hash == computed_hash compares digests: the timing rule's business.
  if (L == Role::Digest || R == Role::Digest || (L != Role::Password && R != Role::Password))
    return std::nullopt;
  PasswordComparison P{*Cmp, ast::nameOfValue(L == Role::Password ? Cmp->LHS : Cmp->RHS),
                       ast::stringLiteralOf(Cmp->LHS) || ast::stringLiteralOf(Cmp->RHS)};
  return P;
}

} // namespace vibeguard::tidy
