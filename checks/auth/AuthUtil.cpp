//===- AuthUtil.cpp ---------------------------------------------------------===//
#include "AuthUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "vibeguard/Support/Identifier.h"

using namespace clang;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

std::string mentionedName(const Expr *E, Role R) {
  if (!E)
    return "";
  std::string Direct = ast::nameOfValue(E);
  if (!Direct.empty() && classifyRole(Direct) == R)
    return Direct;
  // Depth-first, but not into calls that turn the value into something else: the
  // length of a password (strlen(pw), pw.size()) is not the password.
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(S);
        CE && llvm::is_contained({"size", "length", "empty", "strlen", "wcslen", "strnlen",
                                  "count", "capacity"},
                                 ast::calleeName(*CE)))
      continue;
    const ValueDecl *D = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      D = DRE->getDecl();
    else if (const auto *ME = dyn_cast<MemberExpr>(S))
      D = ME->getMemberDecl();
    if (D && D->getIdentifier() && classifyRole(D->getName()) == R &&
        ast::isStringLike(D->getType()))
      return D->getNameAsString();
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return "";
}

namespace {
/// A password's confirmation or repetition: fresh input, not a stored password.
bool isConfirmation(StringRef Name) {
  for (const std::string &W : splitIdentifierWords(Name))
    if (llvm::is_contained({"confirm", "confirmation", "confirmed", "repeat", "repeated",
                            "retype", "retyped", "again", "verify", "verification"},
                           StringRef(W)))
      return true;
  return false;
}
} // namespace

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
  // password == confirm_password checks a registration form.
  if (L == Role::Password && R == Role::Password &&
      (isConfirmation(ast::nameOfValue(Cmp->LHS)) || isConfirmation(ast::nameOfValue(Cmp->RHS))))
    return std::nullopt;
  PasswordComparison P{*Cmp, ast::nameOfValue(L == Role::Password ? Cmp->LHS : Cmp->RHS),
                       ast::stringLiteralOf(Cmp->LHS) || ast::stringLiteralOf(Cmp->RHS)};
  return P;
}

} // namespace vibeguard::tidy
