//===- WeakPasswordHashCheck.cpp -------------------------------------------===//
#include "WeakPasswordHashCheck.h"
#include "AuthUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// The salt of a crypt() setting: "$6$salt$" -> "salt"; "" when there is none.
StringRef cryptSalt(StringRef Setting) {
  if (!Setting.starts_with("$"))
    return "";
  SmallVector<StringRef, 5> Parts;
  Setting.split(Parts, '$');
  // "", id, [params,] salt[, hash]
  if (Parts.size() >= 4 && (Parts[1] == "2a" || Parts[1] == "2b" || Parts[1] == "2y"))
    return Parts[3].take_front(22);
  if (Parts.size() >= 3) {
    StringRef Salt = Parts.size() >= 4 && (Parts[2].contains('=') || Parts[1] == "y")
                         ? Parts[3]
                         : Parts[2];
    return Salt;
  }
  return "";
}
} // namespace

void WeakPasswordHashCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("call", E));
  });
}

void WeakPasswordHashCheck::onMatch(const Matched &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  StringRef Fn = ast::calleeName(*Call);
  unsigned N = Call->getNumArgs();

  // std::hash<std::string>{}(password)
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *RD = Op->getNumArgs() >= 2
                         ? Op->getArg(0)->getType()->getAsCXXRecordDecl()
                         : nullptr;
    if (Op->getOperator() == OO_Call && RD && RD->getQualifiedNameAsString() == "std::hash") {
      std::string Pw = mentionedName(Op->getArg(1), Role::Password);
      if (!Pw.empty())
        diag(ast::userLoc(Call, Ctx), "password '%0' is hashed with std::hash, which is "
                                      "neither a cryptographic hash nor slow; use a "
                                      "password KDF (Argon2id, bcrypt, scrypt)")
            << Pw;
    }
    return;
  }
  if (isFastDigest(Fn)) {
    for (const Expr *Arg : Call->arguments()) {
      std::string Pw = mentionedName(Arg, Role::Password);
      if (Pw.empty())
        continue;
      diag(ast::userLoc(Call, Ctx), "password '%0' is hashed with '%1', a fast digest "
                                    "that attackers test billions of guesses a second "
                                    "against; use a password KDF (Argon2id, bcrypt, "
                                    "scrypt, PBKDF2 with enough iterations)")
          << Pw << Fn;
      return;
    }
    return;
  }
  // Password KDFs without a salt.
  if ((Fn == "PKCS5_PBKDF2_HMAC" || Fn == "PKCS5_PBKDF2_HMAC_SHA1") && N >= 4) {
    if (ast::isTrivialOperand(Call->getArg(2), Ctx) || ast::integerValue(Call->getArg(3), Ctx) == 0u)
      diag(ast::userLoc(Call, Ctx), "'%0' is called without a salt, so equal passwords "
                                    "hash equally and one precomputed table cracks "
                                    "them all; use a random salt of 16 bytes")
          << Fn;
    return;
  }
  // argon2*_hash_raw/_encoded(t, m, p, pwd, pwdlen, salt, saltlen, ...) without a salt.
  if (Fn.starts_with("argon2") && (Fn.ends_with("_hash_raw") || Fn.ends_with("_hash_encoded")) &&
      N >= 7) {
    if (ast::isTrivialOperand(Call->getArg(5), Ctx) ||
        ast::integerValue(Call->getArg(6), Ctx) == 0u)
      diag(ast::userLoc(Call, Ctx), "'%0' is called without a salt, so equal passwords "
                                    "hash equally and one precomputed table cracks "
                                    "them all; use a random salt of 16 bytes")
          << Fn;
    return;
  }
  // crypt() with a fixed salt in the setting string.
  if ((Fn == "crypt" || Fn == "crypt_r" || Fn == "crypt_rn" || Fn == "crypt_ra") && N >= 2)
    if (const StringLiteral *Setting = ast::stringLiteralOf(Call->getArg(1))) {
      StringRef Salt = cryptSalt(Setting->getString());
      if (!Salt.empty())
        diag(ast::userLoc(Call->getArg(1), Ctx),
             "crypt() is given a constant salt ('%0'), so equal passwords hash equally; "
             "generate the setting with crypt_gensalt()")
            << Salt.take_front(4).str() + "...";
    }
}

} // namespace vibeguard::tidy
