//===- InsecureCookieCheck.cpp ---------------------------------------------===//
#include "InsecureCookieCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

namespace {
/// The text of a value built from pieces: literals as they are, anything else as
/// one '\x01'. `"session=" + id + "; Path=/"` -> "session=\x01; Path=/".
void flatten(const Expr *E, std::string &Out, unsigned &Unknown) {
  E = E->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return flatten(M->getSubExpr(), Out, Unknown);
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return flatten(B->getSubExpr(), Out, Unknown);
  if (const StringLiteral *SL = ast::stringLiteralOf(E)) {
    Out += ast::literalText(SL);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Plus && Op->getNumArgs() == 2) {
    flatten(Op->getArg(0), Out, Unknown);
    flatten(Op->getArg(1), Out, Unknown);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
    return flatten(CE->getArg(0), Out, Unknown);
  Out += '\x01';
  ++Unknown;
}

bool isSessionCookie(StringRef Name) {
  for (const std::string &W : splitIdentifierWords(Name))
    if (llvm::is_contained({"session", "sess", "sid", "sessid", "sessionid", "auth",
                            "jwt", "token", "remember", "login", "phpsessid",
                            "jsessionid", "connect"},
                           StringRef(W)))
      return true;
  return crypto::classifyRole(Name) == crypto::Role::Token;
}
} // namespace

void InsecureCookieCheck::registerMatchers(MatchFinder *Finder) {
  // A literal that starts a Set-Cookie header line.
  onEach<StringLiteral>(Finder, [this](const StringLiteral &SL, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("lit", SL));
  });
  // res.set_header("Set-Cookie", v), headers.emplace("Set-Cookie", v), add_header(...).
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("call", E));
  });
}

void InsecureCookieCheck::checkCookie(const Expr *Value, SourceLocation Loc,
                                      ASTContext &Ctx) {
  if (!Seen.insert(Value).second)
    return;
  std::string Text;
  unsigned Unknown = 0;
  flatten(Value, Text, Unknown);
  StringRef T(Text);
  size_t Header = T.find_insensitive("set-cookie:");
  if (Header != StringRef::npos)
    T = T.drop_front(Header + strlen("set-cookie:"));
  T = T.ltrim();
  size_t Eq = T.find('=');
  if (Eq == StringRef::npos || Eq == 0)
    return;
  StringRef Name = T.take_front(Eq).trim();
  if (Name.contains('\x01') || !isSessionCookie(Name))
    return;
  // Attributes built at run time (`"sid=" + id + attrs`) may hold the flags: only
  // report what the text shows for sure.
  StringRef Attributes = T.drop_front(Eq + 1);
  size_t Sep = Attributes.find(';');
  StringRef AfterValue = Sep == StringRef::npos ? "" : Attributes.drop_front(Sep);
  if (AfterValue.contains('\x01') || (Sep == StringRef::npos && Unknown > 1))
    return;
  // Attribute names, not substrings: "Path=/secure" is no Secure flag.
  llvm::SmallVector<StringRef, 8> Attrs;
  AfterValue.split(Attrs, ';');
  auto Has = [&](StringRef A) {
    return llvm::any_of(Attrs, [&](StringRef Attr) {
      return Attr.split('=').first.trim().equals_insensitive(A);
    });
  };
  llvm::SmallVector<StringRef, 3> Missing;
  if (!Has("secure"))
    Missing.push_back("Secure");
  // A CSRF cookie must stay readable by scripts in the double-submit pattern.
  bool Csrf = Name.contains_insensitive("csrf") || Name.contains_insensitive("xsrf");
  if (!Has("httponly") && !Csrf)
    Missing.push_back("HttpOnly");
  if (Missing.empty())
    return;
  if (!Has("samesite"))
    Missing.push_back("SameSite");
  llvm::SmallVector<StringRef, 2> Risks;
  if (llvm::is_contained(Missing, "Secure"))
    Risks.push_back("sent over plain HTTP");
  if (llvm::is_contained(Missing, "HttpOnly"))
    Risks.push_back("read by injected scripts");
  std::string Add;
  for (StringRef M : Missing)
    Add += "; " + (M == "SameSite" ? std::string("SameSite=Lax") : M.str());
  diag(Loc, "session cookie '%0' is set without %1: it can be %2; add '%3'")
      << Name << llvm::join(Missing, ", ") << llvm::join(Risks, " and ")
      << StringRef(Add).drop_front(2);
}

void InsecureCookieCheck::onMatch(const Matched &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    for (unsigned I = 0; I + 1 < Call->getNumArgs(); ++I)
      if (const StringLiteral *K = ast::stringLiteralOf(Call->getArg(I));
          K && K->getCharByteWidth() == 1 && K->getString().equals_insensitive("set-cookie"))
        checkCookie(Call->getArg(I + 1), ast::userLoc(Call->getArg(I + 1), Ctx), Ctx);
    return;
  }
  const auto *SL = Result.Nodes.getNodeAs<StringLiteral>("lit");
  if (SL->getCharByteWidth() != 1 ||
      !SL->getString().ltrim().starts_with_insensitive("set-cookie:"))
    return;
  // Check the whole value the literal starts: climb through `+` and conversions.
  const Expr *Top = SL;
  for (int Depth = 0; Depth < 16; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(*Top);
    if (Parents.empty())
      break;
    const auto *P = Parents[0].get<Expr>();
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P);
    if (!P || (!isa<ImplicitCastExpr, CXXConstructExpr, MaterializeTemporaryExpr,
                    CXXBindTemporaryExpr, CXXFunctionalCastExpr, ParenExpr>(P) &&
               !(Op && Op->getOperator() == OO_Plus)))
      break;
    Top = P;
  }
  checkCookie(Top, ast::userLoc(SL, Ctx), Ctx);
}

} // namespace vibeguard::tidy
