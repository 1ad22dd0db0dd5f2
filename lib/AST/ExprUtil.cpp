//===- ExprUtil.cpp ---------------------------------------------------------===//
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace vibeguard::ast {

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

std::string argumentSpelling(const Expr *E, const ASTContext &Ctx) {
  std::string Name = spelledConstantName(E, Ctx);
  if (!Name.empty())
    return Name;
  if (const StringLiteral *SL = stringLiteralOf(E))
    return literalText(SL);
  return "";
}

std::optional<uint64_t> integerValue(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  return R.Val.getInt().getZExtValue();
}

const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  // A local variable or parameter the statement mentions is declared in the enclosing
  // function: its DeclContext answers without the parent map, which costs a pass over
  // the whole translation unit to build.
  const FunctionDecl *FromLocal = nullptr;
  forEachSubStmt(&S, [&](const Stmt &Sub) {
    const auto *DRE = dyn_cast<DeclRefExpr>(&Sub);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (FromLocal || !VD || !(VD->isLocalVarDeclOrParm()))
      return;
    const DeclContext *DC = VD->getDeclContext();
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      FromLocal = FD;
  });
  if (FromLocal)
    return FromLocal;
  DynTypedNodeList Parents = Ctx.getParents(S);
  for (int Depth = 0; !Parents.empty() && Depth < 256; ++Depth) {
    const DynTypedNode &P = Parents[0];
    if (const auto *FD = P.get<FunctionDecl>())
      return FD;
    if (const auto *L = P.get<LambdaExpr>())
      return L->getCallOperator();
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

namespace {
/// Whether \p Init is a literal or a list (possibly nested) of constants.
bool isLiteralInitializer(const Expr *Init, const ASTContext &Ctx) {
  if (!Init)
    return false;
  Init = Init->IgnoreParenImpCasts();
  if (stringLiteralOf(Init))
    return true;
  if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    if (IL->getNumInits() == 0)
      return false;
    for (const Expr *Sub : IL->inits())
      if (!isLiteralInitializer(Sub, Ctx) && !integerValue(Sub, Ctx))
        return false;
    return true;
  }
  return false;
}

/// Whether some expression in \p Body other than \p UseSite may write \p VD: an
/// assignment to it or its elements, or a call that receives it.
bool mayBeWritten(const Stmt *Body, const VarDecl *VD, const Expr *UseSite,
                  ASTContext &Ctx) {
  if (!Body)
    return false;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || S == UseSite)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp()) {
      const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(L))
        L = AS->getBase()->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(L); DRE && DRE->getDecl() == VD)
        return true;
    }
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Expr *Arg : CE->arguments()) {
        const Expr *A = Arg->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(A); UO && UO->getOpcode() == UO_AddrOf)
          A = UO->getSubExpr()->IgnoreParenImpCasts();
        if (const auto *DRE = dyn_cast<DeclRefExpr>(A); DRE && DRE->getDecl() == VD)
          return true;
      }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}
} // namespace

bool isConstantData(const Expr *E, const FunctionDecl *Fn, const Expr *UseSite,
                    ASTContext &Ctx) {
  if (!E)
    return false;
  if (stringLiteralOf(E))
    return true;
  // (PUCHAR)kSecret and reinterpret_cast<const unsigned char *>(kKey) are still kKey.
  const Expr *S = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->getOpcode() == UO_AddrOf)
    S = UO->getSubExpr()->IgnoreParenCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) // key.data(), key.c_str()
    S = stripToNamedValue(MC);
  const auto *DRE = dyn_cast<DeclRefExpr>(S);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || isa<ParmVarDecl>(VD) || !isLiteralInitializer(VD->getAnyInitializer(), Ctx))
    return false;
  QualType T = VD->getType();
  bool ConstData = T.isConstQualified() ||
                   (T->isArrayType() && Ctx.getAsArrayType(T)->getElementType().isConstQualified()) ||
                   (T->isPointerType() && T->getPointeeType().isConstQualified());
  if (ConstData && (T.isConstQualified() || T->isArrayType()))
    return true;
  // A variable this function fills before use (RAND_bytes(iv, 16)) is not constant.
  // Writes in other functions are not seen: a global counts as constant here.
  return !mayBeWritten(Fn ? Fn->getBody() : nullptr, VD, UseSite, Ctx);
}

std::optional<Comparison> asComparison(const Stmt &S) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
    if ((Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual) &&
        Op->getNumArgs() == 2 && isStringLike(Op->getArg(0)->getType()) &&
        isStringLike(Op->getArg(1)->getType()))
      return Comparison{Op->getArg(0), Op->getArg(1),
                        Op->getOperator() == OO_EqualEqual ? "==" : "!="};
    return std::nullopt;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&S)) {
    if (calleeName(*MC) == "compare" && MC->getNumArgs() == 1 &&
        isStringLike(MC->getImplicitObjectArgument()->getType()))
      return Comparison{MC->getImplicitObjectArgument(), MC->getArg(0), "compare"};
    return std::nullopt;
  }
  const auto *CE = dyn_cast<CallExpr>(&S);
  if (!CE)
    return std::nullopt;
  llvm::StringRef Fn = calleeName(*CE);
  if (llvm::is_contained({"strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp",
                          "bcmp", "wcscmp", "wcsncmp", "_stricmp", "lstrcmpA", "lstrcmpW",
                          "lstrcmpiA", "lstrcmpiW"},
                         Fn) &&
      CE->getNumArgs() >= 2)
    return Comparison{CE->getArg(0), CE->getArg(1), Fn.str()};
  if (Fn == "equal" && CE->getNumArgs() >= 3)
    return Comparison{CE->getArg(0), CE->getArg(2), "equal"};
  return std::nullopt;
}

bool isTrivialOperand(const Expr *E, const ASTContext &Ctx) {
  const Expr *S = E->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(S))
    return true;
  if (const StringLiteral *SL = stringLiteralOf(E))
    return SL->getLength() == 0;
  return S->getType()->isIntegerType() && integerValue(S, Ctx) == 0u;
}

const Expr *flattenShiftChain(const CXXOperatorCallExpr *Top,
                              llvm::SmallVectorImpl<const Expr *> &Operands) {
  const Expr *E = Top;
  while (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E->IgnoreParenImpCasts())) {
    if (OC->getOperator() != OO_LessLess || OC->getNumArgs() != 2)
      break;
    Operands.push_back(OC->getArg(1));
    E = OC->getArg(0);
  }
  std::reverse(Operands.begin(), Operands.end());
  return E->IgnoreParenImpCasts();
}

SourceLocation userLoc(const Expr *E, const ASTContext &Ctx) {
  return Ctx.getSourceManager().getFileLoc(E->getBeginLoc());
}

void forEachSubStmt(const Stmt *S, llvm::function_ref<void(const Stmt &)> Fn) {
  llvm::SmallVector<const Stmt *, 64> Work{S};
  while (!Work.empty()) {
    const Stmt *Cur = Work.pop_back_val();
    if (!Cur)
      continue;
    Fn(*Cur);
    for (const Stmt *Child : Cur->children())
      Work.push_back(Child);
  }
}

namespace {
void walkWithAncestors(
    const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Stack,
    llvm::function_ref<void(const Stmt &, llvm::ArrayRef<const Stmt *>)> Fn) {
  Fn(*S, Stack);
  Stack.push_back(S);
  for (const Stmt *Child : S->children())
    if (Child)
      walkWithAncestors(Child, Stack, Fn);
  Stack.pop_back();
}
} // namespace

void forEachStmtWithAncestors(
    const Stmt *Root,
    llvm::function_ref<void(const Stmt &, llvm::ArrayRef<const Stmt *>)> Fn) {
  if (!Root)
    return;
  llvm::SmallVector<const Stmt *, 64> Stack;
  walkWithAncestors(Root, Stack, Fn);
}

llvm::StringRef calleeName(const CallExpr &Call) {
  if (const FunctionDecl *FD = Call.getDirectCallee())
    if (FD->getIdentifier())
      return FD->getName();
  return "";
}

bool isInVendoredCode(SourceLocation Loc, const SourceManager &SM,
                      llvm::ArrayRef<std::string> Dirs) {
  if (Loc.isInvalid())
    return false;
  SourceLocation File = SM.getExpansionLoc(Loc);
  if (SM.isInSystemHeader(File))
    return true;
  llvm::StringRef Path = SM.getFilename(File);
  for (const std::string &D : Dirs) {
    llvm::StringRef Dir = llvm::StringRef(D).trim("/");
    if (Dir.empty())
      continue;
    // Dir as whole components: at the start of the path or after a '/', then a '/'.
    for (size_t At = Path.find(Dir); At != llvm::StringRef::npos; At = Path.find(Dir, At + 1))
      if ((At == 0 || Path[At - 1] == '/') && At + Dir.size() < Path.size() &&
          Path[At + Dir.size()] == '/')
        return true;
  }
  return false;
}

bool VendoredCode::contains(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return false;
  if (Cached != &SM) {
    ByFile.clear();
    Cached = &SM;
  }
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  auto [It, New] = ByFile.try_emplace(File, false);
  if (New)
    It->second = isInVendoredCode(Loc, SM, Dirs);
  return It->second;
}

} // namespace vibeguard::ast
