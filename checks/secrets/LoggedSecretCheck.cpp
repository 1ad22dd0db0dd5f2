//===- LoggedSecretCheck.cpp -----------------------------------------------===//
#include "LoggedSecretCheck.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Support/Identifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace vibeguard::secrets;

namespace vibeguard::tidy {

namespace {
enum class FormatStyle { Printf, Braces, None };

struct Sink {
  int FormatArg;     ///< index of the format string, -1 if none
  int StreamArg;     ///< index of a FILE*/fd that must be a console or log, -1 if none
  FormatStyle Style;
};

/// printf-family and logging functions, by unqualified name.
std::optional<Sink> sinkFor(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return std::nullopt;
  std::string Qualified = FD->getQualifiedNameAsString();
  StringRef Name = FD->getName();
  if (StringRef(Qualified).starts_with("spdlog::") ||
      StringRef(Qualified).starts_with("fmt::") ||
      StringRef(Qualified).starts_with("std::print")) {
    bool IsLevel = llvm::is_contained(
        {"trace", "debug", "info", "warn", "error", "critical", "log", "print",
         "println"},
        Name);
    if (!IsLevel)
      return std::nullopt;
    return Sink{0, -1, FormatStyle::Braces};
  }
  if (FD->getDeclContext()->isRecord()) // member functions below are by class
    return std::nullopt;
  return llvm::StringSwitch<std::optional<Sink>>(Name)
      .Cases("printf", "wprintf", "vprintf", Sink{0, -1, FormatStyle::Printf})
      .Cases("fprintf", "fwprintf", Sink{1, 0, FormatStyle::Printf})
      .Case("dprintf", Sink{1, 0, FormatStyle::Printf})
      .Case("syslog", Sink{1, -1, FormatStyle::Printf})
      .Cases("err", "errx", "verr", Sink{1, -1, FormatStyle::Printf})
      .Cases("warn", "warnx", Sink{0, -1, FormatStyle::Printf})
      .Cases("puts", "OutputDebugStringA", "OutputDebugStringW",
             Sink{-1, -1, FormatStyle::None})
      .Cases("fputs", "fputws", Sink{-1, 1, FormatStyle::None})
      .Default(std::nullopt);
}

/// Whether a FILE* or descriptor argument is a console or a log: stdout, stderr,
/// STDERR_FILENO, 1, 2, or a variable named like a log ("logfile", "log_fp").
bool isConsoleOrLog(const Expr *E, const ASTContext &Ctx) {
  std::string Macro = ast::spelledConstantName(E, Ctx);
  if (llvm::is_contained({"stdout", "stderr", "STDOUT_FILENO", "STDERR_FILENO"},
                         StringRef(Macro)))
    return true;
  const Expr *S = E->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<IntegerLiteral>(S))
    return IL->getValue() == 1 || IL->getValue() == 2;
  std::string Name = ast::nameOfValue(S);
  if (llvm::is_contained({"stdout", "stderr"}, StringRef(Name)))
    return true;
  for (const std::string &W : splitIdentifierWords(Name))
    if (W == "log" || W == "logfile" || W == "logger" || W == "trace" || W == "debug")
      return true;
  return false;
}

/// For each value argument after a format string, the text of the format just before
/// its conversion: "user=%s password=%s" -> {"user=", " password="}.
std::vector<std::string> labelsBeforeConversions(StringRef Fmt, FormatStyle Style) {
  std::vector<std::string> Labels;
  std::string Text;
  for (size_t I = 0; I < Fmt.size(); ++I) {
    char C = Fmt[I];
    if (Style == FormatStyle::Printf && C == '%') {
      if (I + 1 < Fmt.size() && Fmt[I + 1] == '%') {
        Text.push_back('%');
        ++I;
        continue;
      }
      // Flags, width, precision, length, conversion; '*' takes an argument too.
      size_t J = I + 1;
      for (; J < Fmt.size(); ++J) {
        if (Fmt[J] == '*')
          Labels.push_back("");
        if (StringRef("diouxXeEfFgGaAcspnCS@").contains(Fmt[J]))
          break;
      }
      Labels.push_back(Text);
      Text.clear();
      I = J;
      continue;
    }
    if (Style == FormatStyle::Braces && C == '{') {
      if (I + 1 < Fmt.size() && Fmt[I + 1] == '{') {
        Text.push_back('{');
        ++I;
        continue;
      }
      size_t Close = Fmt.find('}', I);
      if (Close == StringRef::npos)
        break;
      Labels.push_back(Text);
      Text.clear();
      I = Close;
      continue;
    }
    Text.push_back(C);
  }
  return Labels;
}

/// Whether label text ending right before a value names a credential: "Password: ",
/// "api_key=", "your new password is ". Only the clause closest to the value counts.
bool labelNamesCredential(StringRef Label, const Recognizer &R) {
  size_t Cut = Label.find_last_of(".,;!?()[]{}\n\t\"'");
  if (Cut != StringRef::npos)
    Label = Label.drop_front(Cut + 1);
  std::vector<std::string> Words = splitIdentifierWords(Label);
  while (!Words.empty() &&
         llvm::is_contained({"is", "was", "are", "set", "to", "now", "be", "will", "as"},
                            StringRef(Words.back())))
    Words.pop_back();
  if (Words.empty())
    return false;
  return R.classifyName(llvm::join(Words, "_")) == NameStrength::Strong;
}

/// std::cout/cerr/clog and wide forms, a glog LogMessage stream, a Qt QDebug.
std::optional<std::string> consoleStreamName(const Expr *Root) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Root)) {
    std::string Q = DRE->getDecl()->getQualifiedNameAsString();
    if (llvm::is_contained({"std::cout", "std::cerr", "std::clog", "std::wcout",
                            "std::wcerr", "std::wclog"},
                           StringRef(Q)))
      return Q;
    return std::nullopt;
  }
  QualType T = Root->getType().getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (RD->getIdentifier() && RD->getName() == "QDebug")
      return std::string("QDebug");
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Root))
    if (const CXXRecordDecl *RD = MC->getRecordDecl();
        RD && RD->getIdentifier() && RD->getName().contains("LogMessage"))
      return std::string("LOG()");
  return std::nullopt;
}
} // namespace

void LoggedSecretCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    if (!isa<CXXOperatorCallExpr>(E) && isa_and_nonnull<FunctionDecl>(E.getCalleeDecl()))
      onMatch(Matched(Ctx).with("call", E));
  });
  // Every `<<`: each checks its own right operand (no parent map needed).
  onEach<CXXOperatorCallExpr>(Finder, [this](const CXXOperatorCallExpr &E, ASTContext &Ctx) {
    if (E.getOperator() == OO_LessLess)
      onMatch(Matched(Ctx).with("shift", E));
  });
}

void LoggedSecretCheck::checkValue(const Expr *Arg, StringRef Label, StringRef Sink,
                                   const ASTContext &Ctx) {
  const Recognizer &R = Opts.recognizer();
  const Expr *Named = ast::stripToNamedValue(Arg);
  if (!Named || !ast::isStringLike(Named->getType()))
    return;
  std::string Name = ast::nameOfValue(Named);
  if (!Name.empty() && R.classifyName(Name) == NameStrength::Strong) {
    diag(Arg->getBeginLoc(), "credential '%0' is written to a log by '%1'; log that "
                             "it is set, or a masked form, instead")
        << Name << Sink << Arg->getSourceRange();
    return;
  }
  // A variable initialised with a literal the secrets rules recognise.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Named))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (const StringLiteral *SL = ast::stringLiteralOf(VD->getAnyInitializer()))
        if (!R.findKnownKeys(ast::literalText(SL)).empty()) {
          diag(Arg->getBeginLoc(), "'%0' holds a hardcoded key and is written to a "
                                   "log by '%1'")
              << Name << Sink << Arg->getSourceRange();
          return;
        }
  // The label says what the next value is only when that value is stored data: a call
  // (mask(pw), strlen(pw)) or a choice (pw ? "yes" : "no") prints something else.
  bool IsStoredValue = isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr>(Named);
  if (IsStoredValue && !Label.empty() && labelNamesCredential(Label, R)) {
    std::string Shown = Label.trim().take_back(40).str();
    diag(Arg->getBeginLoc(), "value labelled '%0' is written to a log by '%1'; log "
                             "that it is set, or a masked form, instead")
        << Shown << Sink << Arg->getSourceRange();
  }
}

void LoggedSecretCheck::onMatch(const Matched &Result) {
  const ASTContext &Ctx = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const FunctionDecl *FD = Call->getDirectCallee();
    std::optional<Sink> S = FD ? sinkFor(FD) : std::nullopt;
    if (!S)
      return;
    unsigned N = Call->getNumArgs();
    int FmtArg = S->FormatArg;
    // fmt::print(stderr, "...", ...) takes a stream first.
    if (S->Style == FormatStyle::Braces && N >= 2 &&
        !ast::stringLiteralOf(Call->getArg(0)) && ast::stringLiteralOf(Call->getArg(1)))
      FmtArg = 1;
    if (S->StreamArg >= 0 && (unsigned)S->StreamArg < N &&
        !isConsoleOrLog(Call->getArg(S->StreamArg), Ctx))
      return;
    std::string SinkName = FD->getQualifiedNameAsString();
    if (FmtArg < 0) {
      if (N >= 1)
        checkValue(Call->getArg(0), "", SinkName, Ctx);
      return;
    }
    if ((unsigned)FmtArg >= N)
      return;
    std::vector<std::string> Labels;
    if (const StringLiteral *Fmt = ast::stringLiteralOf(Call->getArg(FmtArg)))
      Labels = labelsBeforeConversions(ast::literalText(Fmt), S->Style);
    else // printf(password) prints the value itself.
      checkValue(Call->getArg(FmtArg), "", SinkName, Ctx);
    for (unsigned I = FmtArg + 1; I < N; ++I) {
      unsigned K = I - FmtArg - 1;
      checkValue(Call->getArg(I), K < Labels.size() ? Labels[K] : "", SinkName, Ctx);
    }
    return;
  }
  if (const auto *Shift = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("shift")) {
    if (Shift->getNumArgs() != 2 || ast::stringLiteralOf(Shift->getArg(1)))
      return;
    llvm::SmallVector<const Expr *, 8> Before;
    const Expr *Root = ast::flattenShiftChain(Shift, Before);
    std::optional<std::string> Stream = consoleStreamName(Root);
    if (!Stream)
      return;
    // The operand printed just before this one labels it: `<< "password: " << pw`.
    std::string Label;
    if (Before.size() >= 2)
      if (const StringLiteral *SL = ast::stringLiteralOf(Before[Before.size() - 2]))
        Label = ast::literalText(SL);
    checkValue(Shift->getArg(1), Label, *Stream, Ctx);
  }
}

} // namespace vibeguard::tidy
