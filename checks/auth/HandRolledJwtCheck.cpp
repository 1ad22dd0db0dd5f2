//===- HandRolledJwtCheck.cpp ----------------------------------------------===//
#include "HandRolledJwtCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
struct Evidence {
  bool JwtNamed = false, SplitsOnDot = false, Base64Decodes = false, ReadsAlg = false,
       AcceptsNone = false, ComparesSignature = false, UsesLibrary = false;
  std::string SignatureCompare;
};

bool isDot(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *C = dyn_cast<CharacterLiteral>(E))
    return C->getValue() == '.';
  if (const StringLiteral *S = ast::stringLiteralOf(E))
    return S->getCharByteWidth() == 1 && S->getString() == ".";
  return false;
}

bool hasWords(StringRef Name, std::initializer_list<StringRef> Wanted) {
  std::vector<std::string> Words = splitIdentifierWords(Name);
  return llvm::all_of(Wanted, [&](StringRef W) {
    return llvm::any_of(Words, [&](const std::string &Have) {
      return StringRef(Have).starts_with(W);
    });
  });
}

/// What a string literal in the function says: it reads "alg", it names a JWT.
void literalEvidence(const StringLiteral &SL, Evidence &E) {
  if (SL.getCharByteWidth() != 1)
    return;
  StringRef T = SL.getString();
  E.ReadsAlg |= T == "alg" || T == "\"alg\"" || T.contains("\"alg\"");
  E.JwtNamed |= T == "JWT" || T == "HS256" || T == "RS256" || T == "ES256" ||
                T.contains("\"typ\"");
}

/// Whether \p D is declared inside namespace jwt (jwt-cpp), without building its name.
bool inJwtNamespace(const Decl *D) {
  const NamespaceDecl *Outer = nullptr;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outer = NS;
  return Outer && Outer->getIdentifier() && Outer->getName() == "jwt";
}

Evidence gather(const FunctionDecl &FD) {
  Evidence E;
  E.JwtNamed = hasWords(FD.getName(), {"jwt"}) || hasWords(FD.getName(), {"bearer"});
  // Only a function that names a JWT or reads "alg" can be reported: look at its
  // literals first, and at its calls and comparisons only then.
  if (!E.JwtNamed) {
    ast::forEachSubStmt(FD.getBody(), [&](const Stmt &S) {
      if (const auto *SL = dyn_cast<StringLiteral>(&S))
        literalEvidence(*SL, E);
    });
    if (!E.JwtNamed && !E.ReadsAlg)
      return E;
  }
  ast::forEachSubStmt(FD.getBody(), [&](const Stmt &S) {
    if (const auto *SL = dyn_cast<StringLiteral>(&S)) {
      literalEvidence(*SL, E);
      return;
    }
    // header["alg"] == "none" on a JSON value: not a string comparison, still "none".
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
        Op && (Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual))
      for (const Expr *Arg : Op->arguments())
        if (const StringLiteral *L = ast::stringLiteralOf(Arg);
            L && L->getCharByteWidth() == 1 && L->getString().equals_insensitive("none"))
          E.AcceptsNone = true;
    if (std::optional<ast::Comparison> C = ast::asComparison(S)) {
      for (const Expr *Side : {C->LHS, C->RHS}) {
        if (const StringLiteral *L = ast::stringLiteralOf(Side);
            L && L->getCharByteWidth() == 1 && L->getString().equals_insensitive("none"))
          E.AcceptsNone = true;
        if (classifyRole(ast::nameOfValue(Side)) == Role::MAC) {
          E.ComparesSignature = true;
          E.SignatureCompare = C->How;
        }
      }
      return;
    }
    const auto *CE = dyn_cast<CallExpr>(&S);
    if (!CE)
      return;
    const FunctionDecl *Callee = CE->getDirectCallee();
    StringRef Fn = ast::calleeName(*CE);
    // libjwt, jwt-cpp, cpp-jwt: a maintained library does the work.
    if ((Callee && inJwtNamespace(Callee)) || Fn == "jwt_decode" || Fn == "jwt_decode_2" ||
        Fn == "jwt_valid_validate" || Fn == "jwt_verify")
      E.UsesLibrary = true;
    if (hasWords(Fn, {"base64", "decode"}) || hasWords(Fn, {"b64", "decode"}) ||
        Fn == "b64decode" || Fn == "EVP_DecodeBlock" || Fn == "EVP_DecodeUpdate" ||
        Fn == "sodium_base642bin")
      E.Base64Decodes = true;
    // s.find('.'), strchr(s, '.'), strtok(s, "."), std::getline(in, part, '.'),
    // split(token, '.').
    if (llvm::is_contained({"find", "rfind", "find_first_of", "find_last_of", "strchr",
                            "strrchr", "strtok", "strtok_r", "getline", "split", "strsep"},
                           Fn))
      for (const Expr *Arg : CE->arguments())
        E.SplitsOnDot |= isDot(Arg);
  });
  return E;
}
} // namespace

void HandRolledJwtCheck::registerMatchers(MatchFinder *Finder) {
  // A function is reported only if its name or one of its literals says JWT or "alg".
  // The literals are looked at as the finder meets them; the functions, at the end
  // of the unit, and only those named so when no literal of the unit says it.
  onEach<FunctionDecl>(Finder, [this](const FunctionDecl &FD, ASTContext &) {
    if (FD.isThisDeclarationADefinition() && FD.doesThisDeclarationHaveABody() &&
        FD.getBody() && FD.getIdentifier())
      Functions.push_back(&FD);
  });
  onEach<StringLiteral>(Finder, [this](const StringLiteral &SL, ASTContext &) {
    Evidence E;
    literalEvidence(SL, E);
    LiteralsSayJwt |= E.JwtNamed || E.ReadsAlg;
  });
}

void HandRolledJwtCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *FD : Functions)
    if (LiteralsSayJwt || FD->getName().contains_insensitive("jwt") ||
        FD->getName().contains_insensitive("bearer"))
      checkFunction(*FD);
  Functions.clear();
  LiteralsSayJwt = false;
}

void HandRolledJwtCheck::checkFunction(const FunctionDecl &Fn) {
  const FunctionDecl *FD = &Fn;
  Evidence E = gather(*FD);
  if (E.UsesLibrary)
    return;
  // A JWT: named so, or parsed like one (split on '.', decoded, "alg" read).
  bool ParsesToken = E.SplitsOnDot && E.Base64Decodes;
  if (!((E.JwtNamed || E.ReadsAlg) && (ParsesToken || (E.ReadsAlg && E.Base64Decodes))))
    return;
  llvm::SmallVector<std::string, 5> Saw;
  if (E.SplitsOnDot)
    Saw.push_back("splits on '.'");
  if (E.Base64Decodes)
    Saw.push_back("base64-decodes the parts");
  if (E.ReadsAlg)
    Saw.push_back("reads \"alg\"");
  if (E.AcceptsNone)
    Saw.push_back("handles \"none\"");
  if (E.ComparesSignature)
    Saw.push_back("compares the signature with '" + E.SignatureCompare + "'");
  diag(FD->getLocation(), "function '%0' handles JWTs by hand (%1); use a maintained JWT "
                          "library (libjwt, jwt-cpp) that pins the algorithm and verifies "
                          "the signature in constant time")
      << FD->getName() << llvm::join(Saw, ", ");
}

} // namespace vibeguard::tidy
