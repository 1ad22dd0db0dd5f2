//===- PredictableSessionIdCheck.cpp ---------------------------------------===//
#include "PredictableSessionIdCheck.h"
#include "../crypto/InsecureRandomCheck.h"
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::crypto;

namespace vibeguard::tidy {

void PredictableSessionIdCheck::registerMatchers(MatchFinder *Finder) {
  // Function bodies, walked top-down with the path to each value (no parent map).
  onEach<FunctionDecl>(Finder, [this](const FunctionDecl &FD, ASTContext &Ctx) {
    if (FD.isThisDeclarationADefinition() && FD.doesThisDeclarationHaveABody() && FD.getBody() &&
        !(isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD).getParent()->isLambda()))
      onMatch(Matched(Ctx).with("fn", FD));
  });
}

void PredictableSessionIdCheck::onMatch(const Matched &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *Result.Context;
  if (!mayHoldRandomSource(*FD, /*Counters=*/true))
    return;
  forEachStmtInFunction(*FD, [&](const Stmt &S, const ValuePath &Path) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (std::optional<RandomUse> U = findRandomUse(*Call, Path, /*IncludePredictable=*/true))
        report(*U, Ctx);
      return;
    }
    // ++g_next_session: a counter kept across calls.
    const auto *Inc = dyn_cast<UnaryOperator>(&S);
    if (!Inc || !Inc->isIncrementDecrementOp())
      return;
    const auto *DRE = dyn_cast<DeclRefExpr>(Inc->getSubExpr()->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (VD && VD->hasGlobalStorage())
      report(followValue(*Inc, "the counter '" + VD->getNameAsString() + "'", Path,
                         /*ThroughDigests=*/true),
             Ctx);
  });
}

void PredictableSessionIdCheck::onEndOfTranslationUnit() { forgetRandomSources(); }

void PredictableSessionIdCheck::report(const RandomUse &Use, ASTContext &Ctx) {
  // A bare "token" made from rand() or the time is an auth token: a lexer's is not
  // random.
  if (Use.Role != Role::Token && Use.Role != Role::GenericToken)
    return;
  diag(ast::userLoc(Use.Source, Ctx),
       "token '%0' is made from %1%2, which an attacker can predict or enumerate; "
       "generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)")
      << Use.Receiver
      << (StringRef(Use.SourceName).starts_with("the ") ? Use.SourceName
                                                         : "'" + Use.SourceName + "'")
      << (Use.ThroughDigest ? StringRef(" (hashing does not make it unpredictable)")
                            : StringRef(""));
}

} // namespace vibeguard::tidy
