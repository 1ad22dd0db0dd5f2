//===- HandRolledPrimitiveCheck.cpp ----------------------------------------===//
#include "HandRolledPrimitiveCheck.h"
#include "VendoredPaths.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
constexpr uint64_t TeaDelta = 0x9E3779B9, TeaDeltaNeg = 0x61C88647;

void flattenInit(const Expr *E, const ASTContext &Ctx, std::vector<uint64_t> &Out) {
  if (!E) // a hole an array filler leaves in an initializer list's semantic form
    return;
  E = E->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Sub : IL->inits())
      flattenInit(Sub, Ctx, Out);
    return;
  }
  if (std::optional<uint64_t> V = ast::integerValue(E, Ctx))
    Out.push_back(*V);
}

bool isShiftBy(const Stmt &S, BinaryOperatorKind K, uint64_t By, const ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(&S);
  return BO && BO->getOpcode() == K && ast::integerValue(BO->getRHS(), Ctx) == By;
}

/// (x << n) | (x >> m): a rotation.
bool isRotate(const Stmt &S) {
  const auto *Or = dyn_cast<BinaryOperator>(&S);
  if (!Or || (Or->getOpcode() != BO_Or && Or->getOpcode() != BO_Xor && Or->getOpcode() != BO_Add))
    return false;
  const auto *L = dyn_cast<BinaryOperator>(Or->getLHS()->IgnoreParenImpCasts());
  const auto *R = dyn_cast<BinaryOperator>(Or->getRHS()->IgnoreParenImpCasts());
  return L && R &&
         ((L->getOpcode() == BO_Shl && R->getOpcode() == BO_Shr) ||
          (L->getOpcode() == BO_Shr && R->getOpcode() == BO_Shl));
}

/// `A[i] = i`: the identity permutation RC4 starts from (the caller also wants 256).
bool isIdentityFill(const Stmt &S) {
  const auto *BO = dyn_cast<BinaryOperator>(&S);
  if (!BO || BO->getOpcode() != BO_Assign)
    return false;
  const auto *AS = dyn_cast<ArraySubscriptExpr>(BO->getLHS()->IgnoreParenImpCasts());
  const auto *Val = dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenImpCasts());
  const auto *Idx = AS ? dyn_cast<DeclRefExpr>(AS->getIdx()->IgnoreParenImpCasts()) : nullptr;
  return Val && Idx && Val->getDecl() == Idx->getDecl();
}

/// j + S[i] + K[i % n]: the RC4 key schedule's index update.
bool isRc4Update(const Stmt &S) {
  const auto *Outer = dyn_cast<BinaryOperator>(&S);
  if (!Outer || Outer->getOpcode() != BO_Add)
    return false;
  const auto *Inner = dyn_cast<BinaryOperator>(Outer->getLHS()->IgnoreParenImpCasts());
  if (!Inner || Inner->getOpcode() != BO_Add)
    return false;
  return isa<DeclRefExpr>(Inner->getLHS()->IgnoreParenImpCasts()) &&
         isa<ArraySubscriptExpr>(Inner->getRHS()->IgnoreParenImpCasts()) &&
         isa<ArraySubscriptExpr>(Outer->getRHS()->IgnoreParenImpCasts());
}

/// What a loop body does, for the round-structure heuristics.
struct LoopShape {
  bool Xor = false, Rotate = false, AddMul = false, WritesElement = false,
       ReadsKey = false, TeaDelta = false, Shl4 = false, Shr5 = false;
  std::string KeyName;
};

LoopShape shapeOf(const Stmt *Body, const ASTContext &Ctx) {
  LoopShape L;
  ast::forEachSubStmt(Body, [&](const Stmt &S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
      BinaryOperatorKind K = BO->getOpcode();
      L.Xor |= K == BO_Xor || K == BO_XorAssign;
      L.AddMul |= K == BO_AddAssign || K == BO_MulAssign || K == BO_Mul;
      const Expr *Target = BO->getLHS()->IgnoreParenImpCasts();
      if (BO->isAssignmentOp() &&
          (isa<ArraySubscriptExpr, UnaryOperator>(Target) ||
           (isa<CXXOperatorCallExpr>(Target) &&
            cast<CXXOperatorCallExpr>(Target)->getOperator() == OO_Subscript)))
        L.WritesElement = true;
      if ((K == BO_AddAssign || K == BO_SubAssign || K == BO_Add || K == BO_Sub) &&
          (ast::integerValue(BO->getRHS(), Ctx) == TeaDelta ||
           ast::integerValue(BO->getRHS(), Ctx) == TeaDeltaNeg))
        L.TeaDelta = true;
    }
    L.Rotate |= isRotate(S);
    L.Shl4 |= isShiftBy(S, BO_Shl, 4, Ctx);
    L.Shr5 |= isShiftBy(S, BO_Shr, 5, Ctx);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(&S)) {
      Role R = classifyRole(DRE->getDecl()->getName());
      if (R == Role::Key || R == Role::Password) {
        L.ReadsKey = true;
        L.KeyName = DRE->getDecl()->getNameAsString();
      }
    }
  });
  return L;
}
} // namespace

HandRolledPrimitiveCheck::HandRolledPrimitiveCheck(StringRef Name,
                                                   clang::tidy::ClangTidyContext *Ctx)
    : VibeGuardCheck(Name, Ctx), Vendored(readVendoredPaths(Options, RawVendored)) {}

void HandRolledPrimitiveCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) {
  Options.store(O, "VendoredPaths", RawVendored);
}

void HandRolledPrimitiveCheck::registerMatchers(MatchFinder *Finder) {
  onEach<VarDecl>(Finder, [this](const VarDecl &VD, ASTContext &Ctx) {
    if (isa_and_nonnull<InitListExpr>(VD.getAnyInitializer()))
      onMatch(Matched(Ctx).with("table", VD));
  });
  onEach<FunctionDecl>(Finder, [this](const FunctionDecl &FD, ASTContext &Ctx) {
    if (FD.isThisDeclarationADefinition() && FD.doesThisDeclarationHaveABody() && FD.getBody())
      onMatch(Matched(Ctx).with("fn", FD));
  });
  onEach<StringLiteral>(Finder, [this](const StringLiteral &SL, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("str", SL));
  });
}

void HandRolledPrimitiveCheck::checkTable(const VarDecl &VD, ASTContext &Ctx) {
  std::vector<uint64_t> Values;
  // hasInitializer() also matches an `extern` declaration whose definition has the
  // initializer (clip.cpp in llama.cpp crashed here); the definition is matched too.
  if (!VD.getInit())
    return;
  flattenInit(VD.getInit(), Ctx, Values);
  if (Values.size() < 4)
    return;
  const Fingerprint *F = matchSequence(Values);
  if (!F) {
    llvm::DenseSet<uint64_t> Set(Values.begin(), Values.end());
    F = matchSet(Set);
  }
  if (F)
    diag(VD.getLocation(), "table '%0' holds %1: this is a hand-rolled implementation of "
                           "a cryptographic primitive; use a vetted library (OpenSSL EVP, "
                           "libsodium)")
        << VD.getName() << F->What;
}

void HandRolledPrimitiveCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  // One walk: distinctive 32/64-bit constants used as immediates (MD5, SHA-2 rounds),
  // the RC4 key schedule's marks, and the loops whose rounds are looked at below.
  llvm::DenseSet<uint64_t> Constants;
  bool IdentityFill = false, Rc4Update = false, Has256 = false, Shl = false, Shr = false;
  llvm::SmallVector<const Stmt *, 16> Loops;
  ast::forEachSubStmt(FD.getBody(), [&](const Stmt &S) {
    if (const auto *IL = dyn_cast<IntegerLiteral>(&S)) {
      const llvm::APInt &V = IL->getValue();
      if (V.getActiveBits() > 16 && V.getActiveBits() <= 64)
        Constants.insert(V.getZExtValue());
      Has256 |= V == 256 || V == 255;
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(&S)) {
      Shl |= BO->getOpcode() == BO_Shl;
      Shr |= BO->getOpcode() == BO_Shr;
    }
    IdentityFill |= isIdentityFill(S);
    Rc4Update |= isRc4Update(S);
    if (isa<ForStmt, WhileStmt, DoStmt>(&S))
      Loops.push_back(&S);
  });
  if (const Fingerprint *F = matchSet(Constants)) {
    diag(FD.getLocation(), "function '%0' uses %1: this is a hand-rolled implementation "
                           "of a cryptographic primitive; use a vetted library (OpenSSL "
                           "EVP, libsodium)")
        << FD.getName() << F->What;
    return;
  }

  // Rounds: TEA's shift by 4 and by 5 (so the function shifts both ways), or XOR mixed
  // with rotation or arithmetic in a function named for crypto.
  bool CryptoName = FD.getIdentifier() && isCryptoFunctionName(FD.getName());
  bool Reported = false;
  if ((Shl && Shr) || CryptoName)
    for (const Stmt *S : Loops) {
      const Stmt *LoopBody = isa<ForStmt>(S)     ? cast<ForStmt>(S)->getBody()
                             : isa<WhileStmt>(S) ? cast<WhileStmt>(S)->getBody()
                                                 : cast<DoStmt>(S)->getBody();
      LoopShape L = shapeOf(LoopBody, Ctx);
      if (L.TeaDelta && L.Shl4 && L.Shr5) {
        diag(S->getBeginLoc(), "loop runs TEA/XTEA rounds (delta 0x9E3779B9 with <<4 and "
                               ">>5): a hand-rolled 64-bit block cipher; use AES-GCM or "
                               "ChaCha20-Poly1305 from a vetted library");
        Reported = true;
        break;
      }
      if (CryptoName && L.Xor && (L.Rotate || L.AddMul) && L.WritesElement && L.ReadsKey) {
        diag(S->getBeginLoc(), "loop in '%0' mixes data with '%1' by XOR and %2: a "
                               "hand-rolled cipher or keyed hash; use a vetted library "
                               "(OpenSSL EVP, libsodium)")
            << FD.getName() << L.KeyName << (L.Rotate ? "rotation" : "arithmetic");
        Reported = true;
        break;
      }
    }
  if (!Reported && IdentityFill && Rc4Update && Has256)
    diag(FD.getLocation(), "function '%0' runs the RC4 key schedule: RC4 is broken and "
                           "hand-rolled; use AES-GCM or ChaCha20-Poly1305 from a vetted "
                           "library")
        << FD.getName();
}

void HandRolledPrimitiveCheck::onMatch(const Matched &Result) {
  const SourceManager &SM = *Result.SourceManager;
  ASTContext &Ctx = *Result.Context;
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("table")) {
    if (!InVendored.contains(VD->getLocation(), SM))
      checkTable(*VD, Ctx);
  } else if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn")) {
    if (!InVendored.contains(FD->getLocation(), SM))
      checkFunction(*FD, Ctx);
  } else if (const auto *SL = Result.Nodes.getNodeAs<StringLiteral>("str")) {
    if (InVendored.contains(SL->getBeginLoc(), SM))
      return;
    StringRef What = matchFingerprintString(ast::literalText(SL));
    if (!What.empty())
      diag(SL->getBeginLoc(), "literal is %0: a hand-rolled ChaCha or Salsa20; use "
                              "crypto_aead_chacha20poly1305_ietf_encrypt (libsodium) or "
                              "EVP_chacha20_poly1305 (OpenSSL)")
          << What;
  }
}

} // namespace vibeguard::tidy
