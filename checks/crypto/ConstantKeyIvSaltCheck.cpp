//===- ConstantKeyIvSaltCheck.cpp ------------------------------------------===//
#include "ConstantKeyIvSaltCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
llvm::StringRef consequence(Role R) {
  switch (R) {
  case Role::Key:
    return "anyone with the source or the binary can decrypt or forge";
  case Role::IV:
    return "reusing an IV or nonce under one key breaks confidentiality (and, with "
           "GCM or ChaCha20-Poly1305, authenticity)";
  default:
    return "one precomputed table then cracks every password hashed with it";
  }
}

llvm::StringRef remedy(Role R) {
  switch (R) {
  case Role::Key:
    return "load the key from a key store or derive it with a KDF";
  case Role::IV:
    return "generate a fresh one per message with RAND_bytes or randombytes_buf";
  default:
    return "generate a random salt per password with RAND_bytes or randombytes_buf";
  }
}

/// Whether \p Fn's body calls \p Name.
bool calls(const FunctionDecl *Fn, StringRef Name) {
  bool Found = false;
  if (Fn && Fn->getBody())
    ast::forEachSubStmt(Fn->getBody(), [&](const Stmt &S) {
      if (const auto *CE = dyn_cast<CallExpr>(&S))
        Found |= ast::calleeName(*CE) == Name;
    });
  return Found;
}

/// The digest an EVP_MD argument names: EVP_sha256() -> "sha256".
std::string digestOf(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
    return ast::calleeName(*CE).drop_front(StringRef("EVP_").size()).lower();
  return "";
}
} // namespace

void ConstantKeyIvSaltCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    if (isa_and_nonnull<FunctionDecl>(E.getCalleeDecl()))
      onMatch(Matched(Ctx).with("call", E));
  });
}

void ConstantKeyIvSaltCheck::checkWorkFactor(const CallExpr &Call, StringRef Fn,
                                             ASTContext &Ctx) {
  const KDFGuidance &G = kdfGuidance();
  unsigned N = Call.getNumArgs();
  auto Value = [&](unsigned I) {
    return I < N ? ast::integerValue(Call.getArg(I), Ctx) : std::nullopt;
  };
  if ((Fn == "PKCS5_PBKDF2_HMAC" && N == 8) || (Fn == "PKCS5_PBKDF2_HMAC_SHA1" && N == 7)) {
    std::string Md = Fn == "PKCS5_PBKDF2_HMAC" ? digestOf(Call.getArg(5)) : "sha1";
    uint64_t Min = Md == "sha1" ? G.PBKDF2Sha1 : Md == "sha256" ? G.PBKDF2Sha256
                   : Md == "sha512" ? G.PBKDF2Sha512 : G.PBKDF2Default;
    if (std::optional<uint64_t> It = Value(4); It && *It < Min)
      diag(ast::userLoc(Call.getArg(4), Ctx),
           "PBKDF2 with %0 iterations is too fast to slow down password guessing; OWASP "
           "asks for at least %1 with HMAC-%2")
          << unsigned(*It) << unsigned(Min)
          << (Md.empty() ? std::string("SHA256") : StringRef(Md).upper());
    return;
  }
  if (Fn == "EVP_BytesToKey" && N == 8) {
    diag(ast::userLoc(&Call, Ctx), "EVP_BytesToKey is not a password KDF (a few iterations of a "
                             "fast digest); use PKCS5_PBKDF2_HMAC, scrypt or Argon2");
    return;
  }
  if (Fn == "EVP_PBE_scrypt" && N == 10) {
    if (std::optional<uint64_t> NCost = Value(4); NCost && *NCost && *NCost < G.ScryptMinN)
      diag(ast::userLoc(Call.getArg(4), Ctx),
           "scrypt with N=%0 is below OWASP's minimum N=%1 (r=8, p=1)")
          << unsigned(*NCost) << unsigned(G.ScryptMinN);
    return;
  }
  bool Argon = StringRef(Fn).starts_with("argon2") &&
               (Fn.ends_with("_hash_raw") || Fn.ends_with("_hash_encoded") ||
                Fn == "argon2_hash");
  if (Argon && N >= 3) {
    std::optional<uint64_t> T = Value(0), M = Value(1);
    if (!T || !M)
      return;
    bool Ok = llvm::any_of(G.Argon2Acceptable, [&](const auto &P) {
      return *T >= P.first && *M >= P.second;
    });
    if (!Ok)
      diag(ast::userLoc(&Call, Ctx), "Argon2 with t=%0 and m=%1 KiB is below RFC 9106's "
                               "recommendations (t=1 with m=2 GiB, or t=3 with m=64 "
                               "MiB)")
          << unsigned(*T) << unsigned(*M);
    return;
  }
  if ((Fn == "crypto_pwhash" && N == 8) || (Fn == "crypto_pwhash_str" && N == 5)) {
    unsigned OpsArg = Fn == "crypto_pwhash" ? 5 : 3;
    std::optional<uint64_t> Ops = Value(OpsArg), Mem = Value(OpsArg + 1);
    if ((Ops && *Ops < G.SodiumMinOps) || (Mem && *Mem < G.SodiumMinMem))
      diag(ast::userLoc(Call.getArg(OpsArg), Ctx),
           "'%0' with limits below crypto_pwhash_OPSLIMIT_INTERACTIVE and "
           "crypto_pwhash_MEMLIMIT_INTERACTIVE makes password guessing cheap")
          << Fn;
    return;
  }
  // bcrypt through crypt(): "$2b$05$..." has cost 5.
  if ((Fn == "crypt" || Fn == "crypt_r" || Fn == "crypt_rn" || Fn == "crypt_ra") && N >= 2)
    if (const StringLiteral *Salt = ast::stringLiteralOf(Call.getArg(1))) {
      StringRef S = Salt->getString();
      unsigned Cost;
      if (S.size() >= 7 && S.starts_with("$2") && S[3] == '$' &&
          !S.substr(4, 2).getAsInteger(10, Cost) && Cost < G.BcryptMinCost)
        diag(ast::userLoc(Call.getArg(1), Ctx),
             "bcrypt cost %0 is too cheap; use a cost of at least %1")
            << Cost << G.BcryptMinCost;
    }
  if (Fn == "crypt_gensalt" && N >= 2)
    if (const StringLiteral *Prefix = ast::stringLiteralOf(Call.getArg(0));
        Prefix && Prefix->getString().starts_with("$2"))
      if (std::optional<uint64_t> Cost = Value(1); Cost && *Cost && *Cost < G.BcryptMinCost)
        diag(ast::userLoc(Call.getArg(1), Ctx),
             "bcrypt cost %0 is too cheap; use a cost of at least %1")
            << unsigned(*Cost) << G.BcryptMinCost;
}

void ConstantKeyIvSaltCheck::onMatch(const Matched &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  ASTContext &Ctx = *Result.Context;
  StringRef Fn = ast::calleeName(*Call);
  if (Fn.empty())
    return;
  checkWorkFactor(*Call, Fn, Ctx);
  const KeyParameters *P = findKeyParameters(Fn);
  if (!P)
    return;
  const FunctionDecl *Enclosing = ast::enclosingFunction(*Call, Ctx);
  auto Constant = [&](std::optional<unsigned> I) -> const Expr * {
    if (!I || *I >= Call->getNumArgs())
      return nullptr;
    const Expr *Arg = Call->getArg(*I);
    return ast::isConstantData(Arg, Enclosing, Call, Ctx) ? Arg : nullptr;
  };
  for (auto [Index, R] : {std::pair{P->Key, Role::Key}, std::pair{P->IV, Role::IV},
                          std::pair{P->Salt, Role::Salt}})
    if (const Expr *Arg = Constant(Index))
      diag(ast::userLoc(Arg, Ctx), "constant %0 passed to '%1': %2; %3")
          << roleName(R) << Fn << consequence(R) << remedy(R);
  // CryptHashData(hash, "literal", ...) followed by CryptDeriveKey: a constant key.
  if (const Expr *Data = Constant(P->DerivedKeyData); Data && calls(Enclosing, "CryptDeriveKey"))
    diag(ast::userLoc(Data, Ctx), "key derived with CryptDeriveKey from constant data: %0; %1")
        << consequence(Role::Key) << remedy(Role::Key);
}

} // namespace vibeguard::tidy
