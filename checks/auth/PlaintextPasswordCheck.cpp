//===- PlaintextPasswordCheck.cpp ------------------------------------------===//
#include "PlaintextPasswordCheck.h"
#include "AuthUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

namespace {
/// Where a call stores its arguments, and which argument is the data: fprintf to a
/// file, fwrite, RegSetValueEx, sqlite3_bind_text. -1: any argument after the first.
struct Store {
  const char *Where;
  int DataArg;
};

std::optional<Store> storeFor(StringRef Fn) {
  return llvm::StringSwitch<std::optional<Store>>(Fn)
      .Cases("fprintf", "fputs", "fwrite", "fputws", Store{"a file", -1})
      .Cases("RegSetValueExA", "RegSetValueExW", Store{"the registry", 4})
      .Cases("RegSetKeyValueA", "RegSetKeyValueW", Store{"the registry", 4})
      .Cases("sqlite3_bind_text", "sqlite3_bind_text16", "sqlite3_bind_blob",
             Store{"a database", 2})
      .Default(std::nullopt);
}

/// stdout, stderr and logs are vibeguard-secrets-logged's.
bool isConsoleOrLog(const Expr *Stream, const ASTContext &Ctx) {
  std::string Name = ast::spelledConstantName(Stream, Ctx);
  if (Name.empty())
    Name = ast::nameOfValue(Stream);
  StringRef N(Name);
  return N == "stdout" || N == "stderr" || N.contains_insensitive("log");
}
} // namespace

void PlaintextPasswordCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("call", E));
  });
  // file << name << ":" << password: each `<<` checks its own right operand.
  onEach<CXXOperatorCallExpr>(Finder, [this](const CXXOperatorCallExpr &E, ASTContext &Ctx) {
    if (E.getOperator() == OO_LessLess)
      onMatch(Matched(Ctx).with("stream", E));
  });
}

void PlaintextPasswordCheck::onMatch(const Matched &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("stream")) {
    llvm::SmallVector<const Expr *, 8> Operands;
    const Expr *Stream = ast::flattenShiftChain(Op, Operands);
    const auto *RD = Stream->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() ||
        !(RD->getName() == "basic_ofstream" || RD->getName() == "basic_fstream"))
      return;
    std::string Pw = Op->getNumArgs() == 2 ? mentionedName(Op->getArg(1), Role::Password)
                                           : std::string();
    if (!Pw.empty())
      diag(ast::userLoc(Op->getArg(1), Ctx),
           "password '%0' is written to a file unhashed; store a password hash (Argon2id, "
           "bcrypt, scrypt) instead")
          << Pw;
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (std::optional<PasswordComparison> P = asPasswordComparison(*Call, Ctx)) {
    if (P->WithLiteral)
      diag(ast::userLoc(Call, Ctx),
           "password '%0' is compared with a hardcoded value using '%1'; authenticate "
           "against a stored password hash (Argon2id, bcrypt) with its verify function")
          << P->Password << P->Cmp.How;
    else
      diag(ast::userLoc(Call, Ctx),
           "password '%0' is compared in plaintext using '%1', so the other side is a "
           "stored plaintext password and the comparison leaks timing; store a password "
           "hash (Argon2id, bcrypt) and verify with its verify function")
          << P->Password << P->Cmp.How;
    return;
  }
  std::optional<Store> S = storeFor(ast::calleeName(*Call));
  if (!S)
    return;
  if (StringRef(S->Where) == "a file" && Call->getNumArgs() >= 1) {
    // fprintf(fp, ...), fputs(s, fp), fwrite(p, n, m, fp): the stream is first or last.
    const Expr *Stream = ast::calleeName(*Call) == "fprintf" ? Call->getArg(0)
                                                              : Call->getArg(Call->getNumArgs() - 1);
    if (isConsoleOrLog(Stream, Ctx))
      return;
  }
  for (unsigned I = 0; I != Call->getNumArgs(); ++I) {
    if (S->DataArg >= 0 ? I != unsigned(S->DataArg) : I == 0 && ast::calleeName(*Call) == "fprintf")
      continue;
    std::string Pw = mentionedName(Call->getArg(I), Role::Password);
    if (Pw.empty())
      continue;
    diag(ast::userLoc(Call->getArg(I), Ctx),
         "password '%0' is written to %1 unhashed; store a password hash (Argon2id, "
         "bcrypt, scrypt) instead")
        << Pw << S->Where;
    return;
  }
}

} // namespace vibeguard::tidy
