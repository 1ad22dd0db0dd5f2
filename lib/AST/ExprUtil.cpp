//===- ExprUtil.cpp ---------------------------------------------------------===//
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace vibeguard::ast {

namespace {
const Expr *ignoreWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *S = dyn_cast<CStyleCastExpr>(E))
      E = S->getSubExpr();
    else if (const auto *S = dyn_cast<CXXNamedCastExpr>(E))
      E = S->getSubExpr();
    else
      return E;
  }
  return E;
}
} // namespace

const StringLiteral *stringLiteralOf(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = ignoreWrappers(E);
    if (const auto *SL = dyn_cast<StringLiteral>(E))
      return SL;
    if (const auto *PE = dyn_cast<PredefinedExpr>(E))
      return PE->getFunctionName();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      // std::string s("..."), std::string_view sv = "...", json j = "...".
      if (CE->getNumArgs() == 0)
        return nullptr;
      E = CE->getArg(0);
      continue;
    }
    if (const auto *IL = dyn_cast<InitListExpr>(E)) {
      if (IL->getNumInits() != 1)
        return nullptr;
      E = IL->getInit(0);
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CXXMemberCallExpr>(E)) {
      // "..."s and std::string("...").c_str() are still the literal.
      if (const auto *MD = CE->getMethodDecl();
          MD && MD->getIdentifier() &&
          (MD->getName() == "c_str" || MD->getName() == "data")) {
        E = CE->getImplicitObjectArgument();
        continue;
      }
      return nullptr;
    }
    if (const auto *UL = dyn_cast<UserDefinedLiteral>(E)) {
      if (UL->getNumArgs() >= 1)
        return dyn_cast<StringLiteral>(UL->getArg(0)->IgnoreParenImpCasts());
      return nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

std::string literalText(const StringLiteral *SL) {
  if (SL->getCharByteWidth() == 1)
    return SL->getString().str();
  std::string Out;
  Out.reserve(SL->getLength());
  for (unsigned I = 0, E = SL->getLength(); I != E; ++I) {
    uint32_t C = SL->getCodeUnit(I);
    Out.push_back(C < 128 ? static_cast<char>(C) : '?');
  }
  return Out;
}

const Expr *stripToNamedValue(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = ignoreWrappers(E);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() == 1 || (CE->getNumArgs() > 1 && isa<CXXDefaultArgExpr>(
                                                               CE->getArg(1)))) {
        E = CE->getArg(0);
        continue;
      }
      return E;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (MD && MD->getIdentifier() &&
          llvm::is_contained({"c_str", "data", "get", "value", "str", "toStdString",
                              "toUtf8", "constData", "c_string"},
                             MD->getName())) {
        E = MC->getImplicitObjectArgument();
        continue;
      }
      return E;
    }
    if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(E)) {
      (void)Conv;
      return E;
    }
    return E;
  }
  return E;
}

std::string nameOfValue(const Expr *E) {
  E = stripToNamedValue(E);
  if (!E)
    return "";
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    // cfg["password"], env.at("API_KEY") is a call below.
    if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
      if (const StringLiteral *Key = stringLiteralOf(OC->getArg(1)))
        return literalText(Key);
    return "";
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return nameOfValue(AS->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref)
      return nameOfValue(UO->getSubExpr());
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (MD && MD->getIdentifier() && MD->getName() == "at" && MC->getNumArgs() == 1)
        if (const StringLiteral *Key = stringLiteralOf(MC->getArg(0)))
          return literalText(Key);
    }
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->getIdentifier() && CE->getNumArgs() <= 1)
        return FD->getName().str(); // getters: getPassword(), cfg.api_key()
  }
  return "";
}

bool isStringLike(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *PT = T->getAs<PointerType>())
    return PT->getPointeeType()->isAnyCharacterType();
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return AT->getElementType()->isAnyCharacterType();
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (!RD->getIdentifier())
      return false;
    llvm::StringRef N = RD->getName();
    return N == "basic_string" || N == "basic_string_view" || N == "QString" ||
           N == "QByteArray" || N == "SecureString";
  }
  return false;
}

std::string spelledConstantName(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return "";
  const Expr *Stripped = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Stripped))
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return DRE->getDecl()->getNameAsString();
  SourceLocation Loc = E->getBeginLoc();
  if (Loc.isMacroID())
    return Lexer::getImmediateMacroName(Loc, Ctx.getSourceManager(),
                                        Ctx.getLangOpts())
        .str();
  return "";
}

} // namespace vibeguard::ast
