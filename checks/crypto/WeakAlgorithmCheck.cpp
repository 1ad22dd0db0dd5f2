//===- WeakAlgorithmCheck.cpp ----------------------------------------------===//
#include "WeakAlgorithmCheck.h"
#include "../auth/AuthUtil.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// HMAC over MD5 or SHA-1 is not broken: collisions do not forge HMAC tags.
bool isHmacDigestArgument(const CallExpr &Call, ASTContext &Ctx) {
  for (const DynTypedNode &P : Ctx.getParents(Call)) {
    const auto *Outer = P.get<CallExpr>();
    if (!Outer) // through an implicit cast: one more level
      for (const DynTypedNode &PP : Ctx.getParents(P))
        Outer = PP.get<CallExpr>();
    if (const FunctionDecl *FD = Outer ? Outer->getDirectCallee() : nullptr)
      if (FD->getIdentifier() &&
          llvm::is_contained({"HMAC", "HMAC_Init_ex", "HMAC_Init", "PKCS5_PBKDF2_HMAC",
                              "EVP_PKEY_new_mac_key", "mbedtls_md_hmac"},
                             FD->getName()))
        return true;
  }
  return false;
}

/// Security use of a digest: the enclosing function, or a name in the call, says so.
bool inSecurityContext(const CallExpr &Call, const FunctionDecl *Fn) {
  if (Fn && Fn->getIdentifier() && hasSecurityContextWord(Fn->getName()))
    return true;
  for (const Expr *Arg : Call.arguments())
    if (hasSecurityContextWord(ast::nameOfValue(Arg)))
      return true;
  return false;
}

llvm::StringRef instead(llvm::StringRef Algorithm) {
  if (Algorithm == "ECB mode")
    return "use an authenticated mode such as AES-GCM with a fresh random IV";
  if (Algorithm == "MD5" || Algorithm == "SHA-1" || Algorithm == "MD4" ||
      Algorithm == "MD2" || Algorithm == "the hash" || Algorithm == "the digest")
    return "use SHA-256 or SHA-3 (and a password KDF for passwords)";
  return "use AES-GCM or ChaCha20-Poly1305";
}
} // namespace

void WeakAlgorithmCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    if (isa_and_nonnull<FunctionDecl>(E.getCalleeDecl()))
      checkCall(E, Ctx);
  });
  onEach<VarDecl>(Finder, [this](const VarDecl &VD, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("var", VD));
  });
  onEach<CXXTemporaryObjectExpr>(
      Finder, [this](const CXXTemporaryObjectExpr &Temp, ASTContext &Ctx) {
        onMatch(Matched(Ctx).with("temp", Temp));
      });
}

namespace {
/// Whether \p D is declared in namespace CryptoPP: the only library whose weak
/// algorithms are classes. Checked before any name string is built.
bool inCryptoPP(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      if (!isa<NamespaceDecl>(NS->getParent()))
        return NS->getIdentifier() && NS->getName() == "CryptoPP";
  return false;
}
} // namespace

void WeakAlgorithmCheck::checkType(QualType T, SourceLocation Loc, ASTContext &Ctx,
                                   llvm::function_ref<bool()> SecurityContext) {
  // Walk the type as written: CryptoPP::ECB_Mode<AES>::Encryption is a typedef whose
  // name says ECB; the record it names does not.
  for (int Depth = 0; !T.isNull() && Depth < 8; ++Depth) {
    std::string Name;
    if (const auto *TT = T->getAs<TypedefType>()) {
      if (inCryptoPP(TT->getDecl()))
        Name = TT->getDecl()->getQualifiedNameAsString();
    } else if (const auto *RD = T->getAsCXXRecordDecl()) {
      if (inCryptoPP(RD))
        Name = RD->getQualifiedNameAsString();
    }
    if (!Name.empty())
      if (std::optional<WeakAlgorithm> W = findWeakClass(Name)) {
        if (W->Always || SecurityContext())
          diag(Loc, "'%0' is %1, which %2; %3")
              << Name << W->Algorithm << W->Why << instead(W->Algorithm);
        return;
      }
    QualType Next = T.getSingleStepDesugaredType(Ctx);
    if (Next == T)
      return;
    T = Next;
  }
}

void WeakAlgorithmCheck::checkCall(const CallExpr &Call, ASTContext &Ctx) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return;
  StringRef Fn = FD->getName();
  // Climbing to the enclosing function builds the TU's parent map: only when needed.
  auto Enclosing = [&] { return ast::enclosingFunction(Call, Ctx); };
  auto Arg = [&](unsigned I) { return ast::argumentSpelling(Call.getArg(I), Ctx); };

  // RSA key sizes.
  auto RsaBits = llvm::StringSwitch<int>(Fn)
                     .Case("RSA_generate_key_ex", 1)
                     .Case("RSA_generate_key", 0)
                     .Case("EVP_PKEY_CTX_set_rsa_keygen_bits", 1)
                     .Case("mbedtls_rsa_gen_key", 3)
                     .Default(-1);
  if (Fn == "EVP_PKEY_Q_keygen" && Call.getNumArgs() >= 4 && Arg(2) == "RSA")
    RsaBits = 3;
  if (RsaBits >= 0 && unsigned(RsaBits) < Call.getNumArgs()) {
    if (std::optional<uint64_t> Bits = ast::integerValue(Call.getArg(RsaBits), Ctx);
        Bits && *Bits < 2048)
      diag(ast::userLoc(Call.getArg(RsaBits), Ctx),
           "RSA key of %0 bits is too short to resist factoring; use at least 2048 "
           "bits (3072 for use beyond 2030)")
          << unsigned(*Bits);
    return;
  }

  // RSA encryption with PKCS#1 v1.5 padding.
  bool PKCS1Encryption =
      ((Fn == "RSA_public_encrypt" || Fn == "RSA_private_decrypt") &&
       Call.getNumArgs() == 5 && Arg(4) == "RSA_PKCS1_PADDING") ||
      (Fn == "EVP_PKEY_CTX_set_rsa_padding" && Call.getNumArgs() == 2 &&
       Arg(1) == "RSA_PKCS1_PADDING" && Enclosing() && Enclosing()->getBody() && [&] {
         // Only when this function encrypts or decrypts with the key (PKCS#1 v1.5
         // signatures are fine).
         llvm::SmallVector<const Stmt *, 32> Work{Enclosing()->getBody()};
         while (!Work.empty()) {
           const Stmt *S = Work.pop_back_val();
           if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
             if (const FunctionDecl *F = CE->getDirectCallee();
                 F && F->getIdentifier() &&
                 (F->getName() == "EVP_PKEY_encrypt_init" ||
                  F->getName() == "EVP_PKEY_decrypt_init"))
               return true;
           if (S)
             for (const Stmt *C : S->children())
               Work.push_back(C);
         }
         return false;
       }());
  if (PKCS1Encryption) {
    diag(ast::userLoc(&Call, Ctx), "RSA encryption with PKCS#1 v1.5 padding is open to "
                             "Bleichenbacher's padding-oracle attack; use "
                             "RSA_PKCS1_OAEP_PADDING");
    return;
  }

  // crypt() with a DES or MD5 salt.
  if ((Fn == "crypt" || Fn == "crypt_r" || Fn == "crypt_rn" || Fn == "crypt_ra") &&
      Call.getNumArgs() >= 2) {
    if (const StringLiteral *Salt = ast::stringLiteralOf(Call.getArg(1))) {
      std::string S = ast::literalText(Salt);
      StringRef Scheme = S.empty() || S[0] != '$' ? (S[0] == '_' ? "BSDi DES" : "DES")
                         : StringRef(S).starts_with("$1$") ? "MD5"
                                                           : "";
      if (!S.empty() && !Scheme.empty())
        diag(ast::userLoc(Call.getArg(1), Ctx),
             "crypt() salt '%0' selects %1-crypt, which is fast and broken; use "
             "yescrypt ('$y$'), bcrypt ('$2b$') or Argon2")
            << StringRef(S).take_front(3) << Scheme;
    }
    return;
  }

  auto [It, New] = Candidates.try_emplace(FD->getCanonicalDecl());
  if (New)
    It->second = weakFunctionCandidates(FD->getQualifiedNameAsString());
  if (It->second.empty())
    return;
  std::optional<WeakAlgorithm> W = applyWeakFunction(It->second, Call.getNumArgs(), Arg);
  if (!W || (!W->Always && (isHmacDigestArgument(Call, Ctx) ||
                            !inSecurityContext(Call, Enclosing()))))
    return;
  // MD5(password): vibeguard-auth-weak-password-hash says what matters (a fast digest
  // for a password, where any digest would be wrong).
  if (!W->Always && AuthChecksEnabled &&
      llvm::any_of(Call.arguments(), [](const Expr *A) {
        return !mentionedName(A, Role::Password).empty();
      }))
    return;
  if (W->Spelled.empty())
    diag(ast::userLoc(&Call, Ctx), "'%0' uses %1, which %2; %3")
        << Fn << W->Algorithm << W->Why << instead(W->Algorithm);
  else
    diag(ast::userLoc(&Call, Ctx), "'%0' selects %1 ('%2'), which %3; %4")
        << Fn << W->Algorithm << W->Spelled << W->Why << instead(W->Algorithm);
}

void WeakAlgorithmCheck::onMatch(const Matched &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    return checkCall(*Call, *Result.Context);
  // MD5 and SHA-1 objects count in a security context: the variable's or the
  // enclosing function's name says so.
  auto FunctionSaysSecurity = [&](const Stmt &S) {
    const FunctionDecl *Fn = ast::enclosingFunction(S, *Result.Context);
    return Fn && Fn->getIdentifier() && hasSecurityContextWord(Fn->getName());
  };
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var"))
    return checkType(VD->getType(), VD->getLocation(), *Result.Context, [&] {
      if (hasSecurityContextWord(VD->getName()))
        return true;
      const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
      return Fn && Fn->getIdentifier() && hasSecurityContextWord(Fn->getName());
    });
  if (const auto *Temp = Result.Nodes.getNodeAs<CXXTemporaryObjectExpr>("temp"))
    return checkType(Temp->getType(), Temp->getBeginLoc(), *Result.Context,
                     [&] { return FunctionSaysSecurity(*Temp); });
}

} // namespace vibeguard::tidy
