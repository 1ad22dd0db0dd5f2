//===- HomegrownAuthenticationCheck.cpp ------------------------------------===//
#include "HomegrownAuthenticationCheck.h"
#include "AuthUtil.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// login, logon, sign_in, authenticate, auth_user, check_password, verify_credentials...
bool isAuthenticatorName(StringRef Name) {
  std::vector<std::string> W = splitIdentifierWords(Name);
  auto Has = [&](StringRef X) { return llvm::is_contained(W, X); };
  if (Has("login") || Has("logon") || Has("signin") || Has("authenticate") ||
      (Has("sign") && Has("in")) || (Has("log") && Has("in")))
    return true;
  bool Verb = Has("check") || Has("verify") || Has("validate") || Has("auth");
  return Verb && (Has("password") || Has("passwd") || Has("credentials") ||
                  Has("user") || Has("login") || Has("pin"));
}

/// Whether \p FD's body, or a function it calls, hands the decision to something that
/// knows how: PAM, a KDF's verify, an LDAP bind, ...
bool delegates(const FunctionDecl &FD, int Depth = 0) {
  bool Found = false;
  ast::forEachSubStmt(FD.getBody(), [&](const Stmt &S) {
    const auto *CE = dyn_cast<CallExpr>(&S);
    if (Found || !CE)
      return;
    StringRef Fn = ast::calleeName(*CE);
    if (isAuthDelegate(Fn)) {
      Found = true;
      return;
    }
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() || Callee == &FD)
      return;
    // A helper of ours that delegates; or one defined elsewhere whose name says it
    // checks the password (it is reviewed where it is defined).
    if (const FunctionDecl *Def = Callee->getDefinition(); Def && Depth < 2)
      Found = delegates(*Def, Depth + 1);
    else if (!Callee->isDefined() && isAuthenticatorName(Fn) &&
             !Callee->getASTContext().getSourceManager().isInSystemHeader(
                 Callee->getLocation()))
      Found = true;
  });
  return Found;
}
} // namespace

void HomegrownAuthenticationCheck::registerMatchers(MatchFinder *Finder) {
  onEach<FunctionDecl>(Finder, [this](const FunctionDecl &FD, ASTContext &Ctx) {
    if (FD.isThisDeclarationADefinition() && FD.doesThisDeclarationHaveABody() && FD.getBody())
      onMatch(Matched(Ctx).with("fn", FD));
  });
}

void HomegrownAuthenticationCheck::onMatch(const Matched &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *Result.Context;
  if (!FD->getIdentifier() || !isAuthenticatorName(FD->getName()))
    return;
  std::optional<PasswordComparison> Cmp;
  bool TouchesPassword = false;
  ast::forEachSubStmt(FD->getBody(), [&](const Stmt &S) {
    if (!Cmp)
      Cmp = asPasswordComparison(S, Ctx);
    if (const auto *E = dyn_cast<Expr>(&S); E && isa<DeclRefExpr, MemberExpr>(E))
      TouchesPassword |= classifyRole(ast::nameOfValue(E)) == Role::Password;
  });
  // It must decide about a password itself, and not hand the decision on.
  if (!Cmp || !TouchesPassword || delegates(*FD))
    return;
  llvm::SmallVector<std::string, 3> Saw;
  Saw.push_back("compares the password with '" + Cmp->Cmp.How + "'" +
                (Cmp->WithLiteral ? " against a hardcoded value" : ""));
  Saw.push_back("no constant-time comparison");
  Saw.push_back("no password KDF");
  diag(FD->getLocation(), "function '%0' authenticates by itself (%1); delegate to PAM, "
                          "a password-KDF verify function (crypto_pwhash_str_verify, "
                          "argon2id_verify) or an identity provider")
      << FD->getName() << llvm::join(Saw, "; ");
}

} // namespace vibeguard::tidy
