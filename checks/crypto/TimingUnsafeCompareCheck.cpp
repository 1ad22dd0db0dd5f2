//===- TimingUnsafeCompareCheck.cpp ----------------------------------------===//
#include "TimingUnsafeCompareCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// A function declared in this translation unit, to offer it as the fix.
bool isDeclared(ASTContext &Ctx, StringRef Name) {
  return !Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)).empty();
}

/// Only equality matters to the caller: memcmp(...) == 0, != 0, !memcmp(...), or a
/// bare condition; then CRYPTO_memcmp keeps the meaning.
bool onlyEqualityUsed(const CallExpr &Call, ASTContext &Ctx) {
  for (const DynTypedNode &P : Ctx.getParents(Call)) {
    if (const auto *BO = P.get<BinaryOperator>())
      return BO->isEqualityOp();
    if (const auto *UO = P.get<UnaryOperator>())
      return UO->getOpcode() == UO_LNot;
    if (const auto *IC = P.get<ImplicitCastExpr>())
      return IC->getType()->isBooleanType();
  }
  return false;
}
} // namespace

void TimingUnsafeCompareCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("call", E));
  });
}

void TimingUnsafeCompareCheck::onMatch(const Matched &Result) {
  ASTContext &AC = *Result.Context;
  const auto *E = Result.Nodes.getNodeAs<CallExpr>("call");
  std::optional<ast::Comparison> Cmp = ast::asComparison(*E);
  if (!Cmp || ast::isTrivialOperand(Cmp->LHS, AC) || ast::isTrivialOperand(Cmp->RHS, AC))
    return;
  const Expr *A = Cmp->LHS, *B = Cmp->RHS;

  // The secret side: a MAC, a token, or a digest in a security context. Passwords are
  // vibeguard-auth-plaintext-password's (comparing them at all is the bigger problem).
  // The enclosing function's name decides for generic tokens and digests only; finding
  // it builds the TU's parent map, so ask only then.
  std::optional<bool> SecurityFnCache;
  auto SecurityFn = [&] {
    if (!SecurityFnCache) {
      const FunctionDecl *Fn = ast::enclosingFunction(*E, AC);
      // "consumeToken" is a parser's: the word that makes a bare token suspicious
      // cannot be the only evidence that the function handles secrets.
      SecurityFnCache = false;
      if (Fn && Fn->getIdentifier())
        for (const std::string &W : splitIdentifierWords(Fn->getName()))
          if (W != "token" && W != "tokens" && hasSecurityContextWord(W))
            SecurityFnCache = true;
    }
    return *SecurityFnCache;
  };
  bool PasswordsElsewhere = Ctx->isCheckEnabled("vibeguard-auth-plaintext-password");
  std::string Secret;
  Role SecretRole = Role::None;
  for (const Expr *Side : {A, B}) {
    std::string Name = ast::nameOfValue(Side);
    Role R = classifyRole(Name);
    bool Counts = R == Role::MAC || R == Role::Token ||
                  (R == Role::GenericToken && SecurityFn()) ||
                  (R == Role::Password && !PasswordsElsewhere) ||
                  (R == Role::Digest && (hasSecurityContextWord(Name) || SecurityFn()));
    if (Counts && static_cast<unsigned>(R) > static_cast<unsigned>(SecretRole))
      Secret = Name, SecretRole = R;
  }
  if (SecretRole == Role::None)
    return;

  StringRef How = Cmp->How;
  StringRef Fix = isDeclared(AC, "CRYPTO_memcmp")   ? "CRYPTO_memcmp"
                  : isDeclared(AC, "sodium_memcmp") ? "sodium_memcmp"
                                                    : "";
  auto D = diag(ast::userLoc(E, AC),
                "%0 '%1' is compared with '%2', which returns at the first difference and "
                "leaks it through timing; use %3")
           << roleName(SecretRole) << Secret << How
           << (Fix.empty() ? StringRef("a constant-time comparison (CRYPTO_memcmp, "
                                       "sodium_memcmp)")
                           : Fix);
  // memcmp/bcmp take the same arguments as CRYPTO_memcmp and sodium_memcmp.
  if (!Fix.empty() && (How == "memcmp" || How == "bcmp") && onlyEqualityUsed(*E, AC)) {
    SourceLocation CalleeLoc = E->getCallee()->getBeginLoc();
    if (CalleeLoc.isFileID())
      D << FixItHint::CreateReplacement(CharSourceRange::getTokenRange(CalleeLoc), Fix);
  }
}

} // namespace vibeguard::tidy
