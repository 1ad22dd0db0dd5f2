//===- XorCipherCheck.cpp --------------------------------------------------===//
#include "XorCipherCheck.h"
#include "VendoredPaths.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

namespace {
/// A buffer element: buf[i], str[i] (operator[]) or *p.
bool isElement(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<ArraySubscriptExpr>(E))
    return true;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript;
  const auto *UO = dyn_cast<UnaryOperator>(E);
  return UO && UO->getOpcode() == UO_Deref;
}

/// key[i % n], key[i & 3]: a key that repeats over the data. Masking keys (WebSocket
/// frames) are protocol, not secrecy: not reported.
/// The array of key[i % n] or key[i & 3] (a key that repeats over the data), or null.
/// Masking keys (WebSocket frames) are protocol, not secrecy: not reported.
const Expr *repeatingKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  const Expr *Base = nullptr, *Index = nullptr;
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    Base = AS->getBase(), Index = AS->getIdx();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
           Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    Base = Op->getArg(0), Index = Op->getArg(1);
  if (!Base)
    return nullptr;
  const auto *Idx = dyn_cast<BinaryOperator>(Index->IgnoreParenImpCasts());
  if (!Idx || (Idx->getOpcode() != BO_Rem && Idx->getOpcode() != BO_And))
    return nullptr;
  for (const std::string &W : splitIdentifierWords(ast::nameOfValue(Base)))
    if (W == "mask" || W == "masking")
      return nullptr;
  return Base;
}

/// The key operand of `elem ^ key` / `elem ^= key`: a non-zero constant or a repeating
/// key. Returns its description, or "".
std::string xorKey(const Expr *Key, const ASTContext &Ctx) {
  if (std::optional<uint64_t> V = ast::integerValue(Key, Ctx)) {
    if (*V == 0 || *V == 0xff || *V == 0xffffffff || *V == 0xffffffffffffffff)
      return ""; // no-op or bit inversion, not a key
    char Buf[32];
    snprintf(Buf, sizeof Buf, "the constant 0x%llX", (unsigned long long)*V);
    return Buf;
  }
  if (const Expr *Base = repeatingKey(Key)) {
    std::string Name = ast::nameOfValue(Base);
    return "the repeating key '" + (Name.empty() ? std::string("?") : Name) + "'";
  }
  return "";
}
} // namespace

XorCipherCheck::XorCipherCheck(StringRef Name, clang::tidy::ClangTidyContext *Ctx)
    : VibeGuardCheck(Name, Ctx), Vendored(readVendoredPaths(Options, RawVendored)) {}

void XorCipherCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) {
  Options.store(O, "VendoredPaths", RawVendored);
}

void XorCipherCheck::registerMatchers(MatchFinder *Finder) {
  // Loops, walked downwards: no parent map is needed to know an XOR is in a loop. One
  // matcher per loop kind: the finder dispatches by node kind, while a stmt(anyOf())
  // would be tried on every statement.
  auto Loop = [this](const Stmt &S, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("loop", S));
  };
  onEach<ForStmt>(Finder, Loop);
  onEach<WhileStmt>(Finder, Loop);
  onEach<DoStmt>(Finder, Loop);
  onEach<CXXForRangeStmt>(Finder, Loop);
}

void XorCipherCheck::onMatch(const Matched &Result) {
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  ASTContext &Ctx = *Result.Context;
  if (InVendored.contains(Loop->getBeginLoc(), *Result.SourceManager))
    return;
  ast::forEachSubStmt(Loop, [&](const Stmt &S) {
    const auto *Assign = dyn_cast<BinaryOperator>(&S);
    if (!Assign)
      return;
    const BinaryOperator *X = nullptr;
    const Expr *Data = nullptr, *Key = nullptr;
    if (Assign->getOpcode() == BO_XorAssign) {
      // buf[i] ^= k
      X = Assign, Data = Assign->getLHS(), Key = Assign->getRHS();
    } else if (Assign->getOpcode() == BO_Assign && isElement(Assign->getLHS())) {
      // out[i] = in[i] ^ k: the XOR's result is stored into an element.
      X = dyn_cast<BinaryOperator>(Assign->getRHS()->IgnoreParenCasts());
      if (!X || X->getOpcode() != BO_Xor)
        return;
      Data = X->getLHS(), Key = X->getRHS();
      if (!isElement(Data))
        std::swap(Data, Key);
    }
    // A nested loop is walked again from the outer one: report each XOR once.
    if (!X || !isElement(Data) || !Reported.insert(X).second)
      return;
    std::string K = xorKey(Key, Ctx);
    if (K.empty())
      return;
    diag(X->getOperatorLoc(), "data is XOR-ed with %0: this is obfuscation, not "
                              "encryption (known plaintext reveals the key); use AES-GCM "
                              "or ChaCha20-Poly1305 from a vetted library")
        << K;
  });
}

} // namespace vibeguard::tidy
