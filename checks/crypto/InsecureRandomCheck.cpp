//===- InsecureRandomCheck.cpp ---------------------------------------------===//
#include "InsecureRandomCheck.h"
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// The qualified template name of an engine object's type, or of the engine passed to a
/// distribution: std::mt19937 is std::mersenne_twister_engine<...>.
std::string engineName(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return "";
}

/// The random source a call is, if any: "rand", "std::mt19937" (engine()), or a
/// distribution fed by such an engine; predictable sources when asked.
std::string sourceName(const CallExpr &Call, bool IncludePredictable) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Op->getOperator() != OO_Call || Op->getNumArgs() < 1)
      return "";
    std::string Engine = engineName(Op->getArg(0)->getType());
    if (isInsecureRandomEngine(Engine))
      return Engine;
    // dist(gen): a distribution called with an insecure engine.
    for (unsigned I = 1; I < Op->getNumArgs(); ++I)
      if (std::string G = engineName(Op->getArg(I)->getType()); isInsecureRandomEngine(G))
        return G;
    return "";
  }
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier() || !mayBeRandomOrPredictable(FD->getName()))
    return "";
  std::string Q = FD->getQualifiedNameAsString();
  if (isInsecureRandomFunction(Q) || isInsecureRandomFunction(FD->getName()))
    return FD->getName().str();
  if (IncludePredictable && (isPredictableSource(Q) || isPredictableSource(FD->getName())))
    return FD->getName().str();
  return "";
}

/// Calls whose first argument is the destination of what the others carry.
bool writesFirstArgument(StringRef Fn) {
  return llvm::is_contained({"sprintf", "snprintf", "swprintf", "strcat", "strncat",
                             "strcpy", "strncpy", "memcpy", "memmove", "wcscat"},
                            Fn);
}
} // namespace

namespace {
enum SourceFacts : uint8_t { RandomCall = 1, Counter = 2, Known = 4 };

/// SourceFacts by function body, for the two checks that ask: one AST at a time per
/// thread (clangd builds ASTs on several), forgotten at the end of each.
thread_local llvm::DenseMap<const Stmt *, uint8_t> FactsCache;

/// What \p Body holds of SourceFacts: one pass, remembered.
uint8_t sourceFacts(const Stmt *Body) {
  uint8_t &F = FactsCache[Body];
  if (F & Known)
    return F;
  F = Known;
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getOperator() == OO_Call)
        F |= RandomCall;
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *FD = Call->getDirectCallee();
          FD && FD->getIdentifier() && mayBeRandomOrPredictable(FD->getName()))
        F |= RandomCall;
    } else if (const auto *Inc = dyn_cast<UnaryOperator>(S);
               Inc && Inc->isIncrementDecrementOp()) {
      const auto *DRE = dyn_cast<DeclRefExpr>(Inc->getSubExpr()->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (VD && VD->hasGlobalStorage())
        F |= Counter;
    }
    if ((F & (RandomCall | Counter)) == (RandomCall | Counter))
      break;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return F;
}
} // namespace

bool mayHoldRandomSource(const FunctionDecl &FD, bool Counters) {
  uint8_t F = sourceFacts(FD.getBody());
  return (F & RandomCall) || (Counters && (F & Counter));
}

void forgetRandomSources() { FactsCache.clear(); }

void forEachStmtInFunction(const FunctionDecl &FD,
                           llvm::function_ref<void(const Stmt &, const ValuePath &)> Fn) {
  llvm::DenseMap<const VarDecl *, const Expr *> RangeVars;
  ast::forEachStmtWithAncestors(
      FD.getBody(), [&](const Stmt &S, llvm::ArrayRef<const Stmt *> Ancestors) {
        if (const auto *For = dyn_cast<CXXForRangeStmt>(&S))
          if (const VarDecl *V = For->getLoopVariable())
            RangeVars[V] = For->getRangeInit();
        Fn(S, ValuePath{&FD, Ancestors, &RangeVars});
      });
}

std::optional<RandomUse> findRandomUse(const CallExpr &Call, const ValuePath &Path,
                                       bool IncludePredictable) {
  std::string Src = sourceName(Call, IncludePredictable);
  if (Src.empty())
    return std::nullopt;
  RandomUse Use = followValue(Call, Src, Path, IncludePredictable);
  if (Use.Seed)
    return std::nullopt;
  return Use;
}

RandomUse followValue(const Expr &Source, std::string SourceName, const ValuePath &Path,
                      bool ThroughDigests) {
  RandomUse Use{&Source, std::move(SourceName), "", Role::None};
  const FunctionDecl *Enclosing = Path.Function;
  auto Receive = [&](const std::string &Name) {
    Use.Receiver = Name;
    Use.Role = classifyRole(Name);
    // An unnamed buffer in generate_key() holds a key: the function says what for.
    if (Use.Role == Role::None && Enclosing && Enclosing->getIdentifier() &&
        classifyRole(Enclosing->getName()) != Role::None) {
      Use.Role = classifyRole(Enclosing->getName());
      Use.Receiver = Enclosing->getNameAsString() + "()";
    }
    return Use;
  };
  // `for (auto &b : nonce) b = ...` writes the elements of nonce.
  auto AssignedName = [&](const Expr *LHS) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && Path.RangeVars)
        if (auto It = Path.RangeVars->find(VD); It != Path.RangeVars->end())
          return ast::nameOfValue(It->second);
    return ast::nameOfValue(LHS);
  };

  const Stmt *Child = &Source;
  for (size_t Up = 0; Up < Path.Ancestors.size() && Up < 24; ++Up) {
    const Stmt *S = Path.Ancestors[Path.Ancestors.size() - 1 - Up];
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Child) {
          // std::mt19937 gen(time(0)) seeds an engine; its outputs are found where used.
          if (isInsecureRandomEngine(engineName(VD->getType()))) {
            Use.Seed = true;
            return Use;
          }
          return Receive(VD->getNameAsString());
        }
      break;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        return Receive(AssignedName(BO->getLHS()));
      if (BO->isComparisonOp() || BO->isLogicalOp())
        break; // a decision, not a value
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      OverloadedOperatorKind K = Op->getOperator();
      if (K == OO_Call && ThroughDigests && Op->getNumArgs() >= 1)
        if (const auto *RD = Op->getArg(0)->getType()->getAsCXXRecordDecl();
            RD && RD->getQualifiedNameAsString() == "std::hash")
          Use.ThroughDigest = true; // std::hash<T>{}(x): the result is the value
      if ((K == OO_Equal || K == OO_PlusEqual || K == OO_LessLess) && Op->getNumArgs() == 2 &&
          Child != Op->getArg(0))
        return Receive(ast::nameOfValue(Op->getArg(0)));
      if (K == OO_EqualEqual || K == OO_ExclaimEqual || K == OO_Less || K == OO_Greater)
        break;
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      StringRef M = ast::calleeName(*MC);
      if (M == "push_back" || M == "append" || M == "insert" || M == "emplace_back" ||
          M == "assign")
        return Receive(ast::nameOfValue(MC->getImplicitObjectArgument()));
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      StringRef Fn = ast::calleeName(*CE);
      // srand(time(0)) seeds; it is not a value anyone receives.
      if (Fn == "srand" || Fn == "srandom" || Fn == "srand48" || Fn == "seed") {
        Use.Seed = true;
        return Use;
      }
      if (ThroughDigests && isFastDigest(Fn) && CE->getNumArgs() >= 2) {
        // MD5(data, n, out): the digest lands in the last argument.
        Use.ThroughDigest = true;
        return Receive(ast::nameOfValue(CE->getArg(CE->getNumArgs() - 1)));
      }
      if (const KeyParameters *P = findKeyParameters(Fn)) {
        for (unsigned I = 0; I != CE->getNumArgs(); ++I)
          if (CE->getArg(I) == Child ||
              (isa<Expr>(Child) &&
               CE->getArg(I)->IgnoreParenImpCasts() ==
                   cast<Expr>(Child)->IgnoreParenImpCasts())) {
            Use.Receiver = Fn.str();
            Use.Role = P->Key == I ? Role::Key : P->IV == I ? Role::IV
                       : P->Salt == I ? Role::Salt : Role::None;
            return Use;
          }
      }
      if (writesFirstArgument(Fn) && CE->getNumArgs() >= 2 && CE->getArg(0) != Child)
        return Receive(ast::nameOfValue(CE->getArg(0)));
      if (!isa<CXXConstructExpr>(S) && Fn != "to_string" && Fn != "abs")
        break; // passed to some other function: its result is something else
    } else if (isa<ReturnStmt>(S)) {
      break; // what the function returns: its name decides, below

    } else if (isa<CompoundStmt, IfStmt, ForStmt, WhileStmt, DoStmt, SwitchStmt>(S)) {
      break;
    }
    Child = S;
  }
  // No receiver: a function named for what it makes (generate_key) still says what the
  // value is for.
  return Receive("");
}


void InsecureRandomCheck::registerMatchers(MatchFinder *Finder) {
  // Function bodies, walked top-down with the path to each call (no parent map).
  onEach<FunctionDecl>(Finder, [this](const FunctionDecl &FD, ASTContext &Ctx) {
    if (FD.isThisDeclarationADefinition() && FD.doesThisDeclarationHaveABody() && FD.getBody() &&
        !(isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD).getParent()->isLambda()))
      onMatch(Matched(Ctx).with("fn", FD));
  });
}

void InsecureRandomCheck::onMatch(const Matched &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!mayHoldRandomSource(*FD, /*Counters=*/false))
    return;
  forEachStmtInFunction(*FD, [&](const Stmt &S, const ValuePath &Path) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      checkCall(*Call, Path, *Result.Context);
  });
}

void InsecureRandomCheck::checkCall(const CallExpr &CallRef, const ValuePath &Path,
                                    ASTContext &Ctx) {
  const CallExpr *Call = &CallRef;
  std::optional<RandomUse> Use = findRandomUse(*Call, Path, false);
  if (!Use)
    return;
  // Session ids, CSRF and reset tokens, OTPs: vibeguard-auth-predictable-session-id.
  bool Tokens = !TidyCtx->isCheckEnabled("vibeguard-auth-predictable-session-id");
  if (!(Use->Role == Role::Key || Use->Role == Role::IV || Use->Role == Role::Salt ||
        Use->Role == Role::Password ||
        (Tokens && (Use->Role == Role::Token || Use->Role == Role::GenericToken))))
    return;
  diag(ast::userLoc(Call, Ctx), "'%0' is not a cryptographically secure generator, so the "
                            "%1 '%2' made from it can be predicted; use RAND_bytes, "
                            "getrandom or randombytes_buf")
      << Use->SourceName << roleName(Use->Role) << Use->Receiver;
}

} // namespace vibeguard::tidy
