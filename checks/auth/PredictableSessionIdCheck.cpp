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
  auto NotInSystem = unless(isExpansionInSystemHeader());
  Finder->addMatcher(callExpr(NotInSystem).bind("call"), this);
  // ++g_next_session: a counter kept across calls.
  Finder->addMatcher(
      unaryOperator(NotInSystem, hasAnyOperatorName("++", "--"),
                    hasUnaryOperand(declRefExpr(to(varDecl(hasStaticStorageDuration())))))
          .bind("counter"),
      this);
}

void PredictableSessionIdCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  RandomUse Use;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    std::optional<RandomUse> U = findRandomUse(*Call, Ctx, /*IncludePredictable=*/true);
    if (!U)
      return;
    Use = *U;
  } else if (const auto *Inc = Result.Nodes.getNodeAs<UnaryOperator>("counter")) {
    Use = followValue(*Inc, "the counter '" + ast::nameOfValue(Inc->getSubExpr()) + "'",
                      Ctx, /*ThroughDigests=*/true);
  }
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
