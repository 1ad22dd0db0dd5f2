//===- KnownKeyFormatCheck.cpp ---------------------------------------------===//
#include "KnownKeyFormatCheck.h"
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::secrets;

namespace vibeguard::tidy {

namespace {
/// Scans comments and the literal tokens of macro definitions, which a macro that is
/// never expanded keeps out of the AST. Owned by the preprocessor, so it lives as
/// long as the preprocessor may call it.
class RawTextScanner : public PPCallbacks, public CommentHandler {
public:
  RawTextScanner(KnownKeyFormatCheck &Check, const SourceManager &SM, Preprocessor &PP)
      : Check(Check), SM(SM), PP(PP) {
    PP.addCommentHandler(this);
  }
  ~RawTextScanner() override { PP.removeCommentHandler(this); }

  bool HandleComment(Preprocessor &, SourceRange Range) override {
    if (SM.isInSystemHeader(Range.getBegin()))
      return false;
    bool Invalid = false;
    const char *Begin = SM.getCharacterData(Range.getBegin(), &Invalid);
    if (Invalid)
      return false;
    unsigned Len = SM.getFileOffset(Range.getEnd()) - SM.getFileOffset(Range.getBegin());
    Check.scanText(StringRef(Begin, Len), Range.getBegin(), "comment");
    return false;
  }

  void MacroDefined(const Token &NameTok, const MacroDirective *MD) override {
    const MacroInfo *MI = MD->getMacroInfo();
    if (!MI || SM.isInSystemHeader(NameTok.getLocation()))
      return;
    for (const Token &T : MI->tokens())
      if (tok::isStringLiteral(T.getKind()) && T.getLiteralData())
        Check.scanText(StringRef(T.getLiteralData(), T.getLength()), T.getLocation(),
                       "literal");
  }

private:
  KnownKeyFormatCheck &Check;
  const SourceManager &SM;
  Preprocessor &PP;
};
} // namespace

void KnownKeyFormatCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP, Preprocessor *) {
  PP->addPPCallbacks(std::make_unique<RawTextScanner>(*this, SM, *PP));
}

void KnownKeyFormatCheck::registerMatchers(MatchFinder *Finder) {
  onEach<StringLiteral>(Finder, [this](const StringLiteral &SL, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("lit", SL));
  });
}

void KnownKeyFormatCheck::scanText(StringRef Text, SourceLocation Begin,
                                   StringRef Where) {
  for (const PatternMatch &M : Opts.recognizer().findKnownKeys(Text)) {
    SourceLocation Loc = Begin.getLocWithOffset(M.Offset);
    if (!Reported.insert(Begin).second)
      return;
    diag(Loc, "%0 matches the format of %1 %2; revoke it and load its replacement at "
              "run time")
        << Where << M.Pattern->What << maskSecret(M.Secret);
  }
}

void KnownKeyFormatCheck::onMatch(const Matched &Result) {
  const auto *SL = Result.Nodes.getNodeAs<StringLiteral>("lit");
  const SourceManager &SM = *Result.SourceManager;
  // Scanned already as a token of a macro definition.
  if (Reported.count(SM.getSpellingLoc(SL->getStrTokenLoc(0))))
    return;
  std::string Text = ast::literalText(SL);
  for (const PatternMatch &M : Opts.recognizer().findKnownKeys(Text)) {
    if (!Reported.insert(SM.getSpellingLoc(SL->getStrTokenLoc(0))).second)
      return;
    SourceLocation Loc = SL->getBeginLoc();
    if (SL->getCharByteWidth() == 1 && !Loc.isMacroID())
      Loc = SL->getLocationOfByte(M.Offset, SM, Result.Context->getLangOpts(),
                                  Result.Context->getTargetInfo());
    diag(Loc, "literal matches the format of %0 %1; revoke it and load its "
              "replacement at run time")
        << M.Pattern->What << maskSecret(M.Secret);
  }
}

} // namespace vibeguard::tidy
