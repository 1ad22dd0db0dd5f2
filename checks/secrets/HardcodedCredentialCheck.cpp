//===- HardcodedCredentialCheck.cpp ----------------------------------------===//
#include "HardcodedCredentialCheck.h"
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::secrets;

namespace vibeguard::tidy {

namespace {
class MacroCallbacks : public PPCallbacks {
public:
  MacroCallbacks(HardcodedCredentialCheck &Check, const SourceManager &SM)
      : Check(Check), SM(SM) {}

  void MacroDefined(const Token &NameTok, const MacroDirective *MD) override {
    const MacroInfo *MI = MD->getMacroInfo();
    if (!MI || MI->isFunctionLike() || MI->getNumTokens() == 0 ||
        SM.isInSystemHeader(NameTok.getLocation()))
      return;
    // The body is one string literal, perhaps wrapped in parentheses.
    const Token *Lit = nullptr;
    for (const Token &T : MI->tokens()) {
      if (T.isOneOf(tok::l_paren, tok::r_paren))
        continue;
      if (!tok::isStringLiteral(T.getKind()) || Lit)
        return;
      Lit = &T;
    }
    if (!Lit || !Lit->getLiteralData())
      return;
    llvm::StringRef Spelling(Lit->getLiteralData(), Lit->getLength());
    size_t Open = Spelling.find('"');
    if (Open == llvm::StringRef::npos || !Spelling.ends_with("\""))
      return;
    llvm::StringRef Value = Spelling.slice(Open + 1, Spelling.size() - 1);
    Check.checkMacro(NameTok.getIdentifierInfo()->getName(), NameTok.getLocation(),
                     *Lit, Value);
  }

private:
  HardcodedCredentialCheck &Check;
  const SourceManager &SM;
};

/// The two-element shapes that pair a key with a value: {"password", "x"} in an
/// init list (std::map, nlohmann::json), or adjacent call arguments
/// (setenv("API_KEY", "x", 1), cfg.set("password", "x"), emplace).
struct KeyValue {
  const StringLiteral *Key;
  const StringLiteral *Value;
};

llvm::SmallVector<KeyValue, 2> keyValuePairs(llvm::ArrayRef<const Expr *> Items) {
  llvm::SmallVector<KeyValue, 2> Out;
  for (size_t I = 0; I + 1 < Items.size(); ++I)
    if (const StringLiteral *K = ast::stringLiteralOf(Items[I]))
      if (const StringLiteral *V = ast::stringLiteralOf(Items[I + 1]))
        Out.push_back({K, V});
  return Out;
}

const char *const CopyFunctions[] = {"strcpy", "strncpy", "strlcpy", "wcscpy",
                                     "wcsncpy", "lstrcpyA", "lstrcpyW", "StringCchCopyA",
                                     "StringCchCopyW", "strcpy_s", "wcscpy_s"};
} // namespace

HardcodedCredentialCheck::HardcodedCredentialCheck(StringRef Name,
                                                   clang::tidy::ClangTidyContext *Ctx)
    : VibeGuardCheck(Name, Ctx), Opts(Options, *this),
      KeyFormatsElsewhere(Ctx->isCheckEnabled("vibeguard-secrets-known-key-format")) {}

void HardcodedCredentialCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) {
  Opts.store(Options, O);
}

void HardcodedCredentialCheck::registerPPCallbacks(const SourceManager &SM,
                                                   Preprocessor *PP,
                                                   Preprocessor *) {
  PPSourceManager = &SM;
  PP->addPPCallbacks(std::make_unique<MacroCallbacks>(*this, SM));
}

void HardcodedCredentialCheck::registerMatchers(MatchFinder *Finder) {
  // Declarations initialised with a value: variables, parameter defaults, fields.
  onEach<VarDecl>(Finder, [this](const VarDecl &VD, ASTContext &Ctx) {
    if (const Expr *Init = VD.getAnyInitializer())
      onMatch(Matched(Ctx).with("var", VD).with("init", *Init));
  });
  onEach<FieldDecl>(Finder, [this](const FieldDecl &FD, ASTContext &Ctx) {
    if (const Expr *Init = FD.getInClassInitializer())
      onMatch(Matched(Ctx).with("field", FD).with("init", *Init));
  });
  onEach<CXXCtorInitializer>(Finder, [this](const CXXCtorInitializer &I, ASTContext &Ctx) {
    if (I.isWritten() && I.getMember() && I.getInit())
      onMatch(Matched(Ctx)
                  .with("ctorinit", I)
                  .with("field", *I.getMember())
                  .with("init", *I.getInit()));
  });
  // Assignments: built-in, std::string::operator=, assign().
  onEach<BinaryOperator>(Finder, [this](const BinaryOperator &BO, ASTContext &Ctx) {
    if (BO.getOpcode() == BO_Assign)
      onMatch(Matched(Ctx).with("assign", BO));
  });
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E); Op && Op->getOperator() == OO_Equal)
      onMatch(Matched(Ctx).with("assign", E));
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&E))
      if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(MC->getCalleeDecl());
          MD && MD->getIdentifier() && MD->getName() == "assign" && MC->getNumArgs() == 1)
        onMatch(Matched(Ctx).with("assigncall", E));
    // Calls: copies into a credential buffer, credential parameters, key/value args.
    onMatch(Matched(Ctx).with("call", E));
  });
  onEach<CXXConstructExpr>(Finder, [this](const CXXConstructExpr &E, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("construct", E));
  });
  onEach<InitListExpr>(Finder, [this](const InitListExpr &IL, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("initlist", IL));
  });
  // Credentials embedded in any literal.
  onEach<StringLiteral>(Finder, [this](const StringLiteral &SL, ASTContext &Ctx) {
    onMatch(Matched(Ctx).with("literal", SL));
  });
}

bool HardcodedCredentialCheck::alreadyReported(SourceLocation Loc,
                                               const SourceManager &SM) {
  return !Reported.insert(SM.getSpellingLoc(Loc)).second;
}

void HardcodedCredentialCheck::reportNamed(const StringLiteral *SL, StringRef Name,
                                           const SourceManager &SM) {
  const Recognizer &R = Opts.recognizer();
  NameStrength S = R.classifyName(Name);
  if (S == NameStrength::None)
    return;
  std::string Value = ast::literalText(SL);
  // A literal in a known key format is reported, more precisely, by
  // vibeguard-secrets-known-key-format.
  if (!R.isCredentialValue(Value, S) ||
      (KeyFormatsElsewhere &&
       !R.findKnownKeys(Value).empty()))
    return;
  if (alreadyReported(SL->getStrTokenLoc(0), SM))
    return;
  diag(SL->getBeginLoc(), "hardcoded credential %0 in '%1'; load it at run time from "
                          "a secret store or the environment")
      << maskSecret(Value) << Name;
}

void HardcodedCredentialCheck::checkMacro(StringRef Name, SourceLocation NameLoc,
                                          const Token &LiteralTok, StringRef Value) {
  const Recognizer &R = Opts.recognizer();
  NameStrength S = R.classifyName(Name);
  if (S == NameStrength::None || Value.contains('\\') ||
      !R.isCredentialValue(Value, S))
    return;
  if (KeyFormatsElsewhere &&
      !R.findKnownKeys(Value).empty())
    return;
  if (!Reported.insert(LiteralTok.getLocation()).second)
    return;
  diag(LiteralTok.getLocation(), "hardcoded credential %0 in macro '%1'; load it at "
                                 "run time from a secret store or the environment")
      << maskSecret(Value) << Name;
}

void HardcodedCredentialCheck::onMatch(const Matched &Result) {
  const SourceManager &SM = *Result.SourceManager;
  const Recognizer &R = Opts.recognizer();
  const auto *Init = Result.Nodes.getNodeAs<Expr>("init");

  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var")) {
    if (const StringLiteral *SL = ast::stringLiteralOf(Init))
      reportNamed(SL, VD->getName(), SM);
    return;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (Result.Nodes.getNodeAs<CXXCtorInitializer>("ctorinit") &&
        SM.isInSystemHeader(Init->getBeginLoc()))
      return;
    if (const StringLiteral *SL = ast::stringLiteralOf(Init))
      reportNamed(SL, FD->getName(), SM);
    return;
  }
  if (const auto *A = Result.Nodes.getNodeAs<Expr>("assign")) {
    const Expr *LHS, *RHS;
    if (const auto *BO = dyn_cast<BinaryOperator>(A))
      LHS = BO->getLHS(), RHS = BO->getRHS();
    else {
      const auto *OC = cast<CXXOperatorCallExpr>(A);
      if (OC->getNumArgs() != 2)
        return;
      LHS = OC->getArg(0), RHS = OC->getArg(1);
    }
    if (const StringLiteral *SL = ast::stringLiteralOf(RHS))
      reportNamed(SL, ast::nameOfValue(LHS), SM);
    return;
  }
  if (const auto *MC = Result.Nodes.getNodeAs<CXXMemberCallExpr>("assigncall")) {
    if (const StringLiteral *SL = ast::stringLiteralOf(MC->getArg(0)))
      reportNamed(SL, ast::nameOfValue(MC->getImplicitObjectArgument()), SM);
    return;
  }
  if (const auto *IL = Result.Nodes.getNodeAs<InitListExpr>("initlist")) {
    if (IL->getNumInits() == 2)
      for (const KeyValue &KV : keyValuePairs({IL->getInit(0), IL->getInit(1)}))
        reportNamed(KV.Value, ast::literalText(KV.Key), SM);
    return;
  }
  if (const auto *CE = Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    // std::pair<std::string, std::string>("password", "x") and friends.
    if (CE->getNumArgs() == 2)
      for (const KeyValue &KV : keyValuePairs({CE->getArg(0), CE->getArg(1)}))
        reportNamed(KV.Value, ast::literalText(KV.Key), SM);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    if (isa<CXXOperatorCallExpr>(Call))
      return;
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier())
      return;
    // Each case below needs a literal argument: most calls have none.
    if (llvm::none_of(Call->arguments(),
                      [](const Expr *A) { return ast::stringLiteralOf(A) != nullptr; }))
      return;
    StringRef Fn = FD->getName();
    llvm::SmallVector<const Expr *, 8> Args(Call->arguments());

    // A credential parameter of a known API.
    for (unsigned I = 0; I != Args.size() && R.hasCredentialParameters(Fn); ++I) {
      const CredentialParameter *P = R.findCredentialParameter(
          Fn, I, [&](unsigned J) {
            return J < Args.size() ? ast::spelledConstantName(Args[J], *Result.Context)
                                   : std::string();
          });
      if (!P)
        continue;
      const StringLiteral *SL = ast::stringLiteralOf(Args[I]);
      if (!SL)
        continue;
      std::string Value = ast::literalText(SL);
      if (R.isPlaceholderOrAllowed(Value) ||
          alreadyReported(SL->getStrTokenLoc(0), SM))
        continue;
      diag(SL->getBeginLoc(), "hardcoded %0 %1 passed to '%2'; load it at run time "
                              "from a secret store or the environment")
          << P->What << maskSecret(Value) << Fn;
    }
    // strcpy(password, "...").
    if (llvm::is_contained(CopyFunctions, Fn)) {
      // (dest, src[, n]) or the bounded forms (dest, size, src).
      unsigned Src = Fn.ends_with("_s") || Fn.starts_with("StringCch") ? 2 : 1;
      if (Src < Args.size())
        if (const StringLiteral *SL = ast::stringLiteralOf(Args[Src]))
          reportNamed(SL, ast::nameOfValue(Args[0]), SM);
    }
    // setenv("API_KEY", "..."), cfg.set("password", "...").
    for (const KeyValue &KV : keyValuePairs(Args))
      reportNamed(KV.Value, ast::literalText(KV.Key), SM);
    return;
  }
  if (const auto *SL = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    std::string Text = ast::literalText(SL);
    std::optional<PatternMatch> M = R.findEmbeddedCredential(Text);
    if (!M || (KeyFormatsElsewhere &&
               !R.findKnownKeys(M->Secret).empty()))
      return;
    if (alreadyReported(SL->getStrTokenLoc(0), SM))
      return;
    diag(SL->getBeginLoc(), "hardcoded credential %0 in %1; load it at run time from "
                            "a secret store or the environment")
        << maskSecret(M->Secret) << M->Pattern->What;
  }
}

} // namespace vibeguard::tidy
