//===- TaintAnalysis.cpp - Per-function taint dataflow over the Clang CFG -----===//
#include "vibeguard/Analysis/TaintAnalysis.h"
#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Secrets/Secrets.h"
#include "vibeguard/Support/NameClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include <deque>
#include <map>
#include <set>

using namespace clang;
using namespace vibeguard;
using namespace vibeguard::taint;

namespace {

// ---------------------------------------------------------------------------------
// Library code: in a system header, or in the namespace of a library projects often
// vendor as a plain -I directory (llama.cpp ships its own nlohmann/json.hpp). Its
// functions are modelled or follow the rule of thumb; their bodies are not analysed.

bool isLibraryDecl(const Decl *D, const SourceManager &SM) {
  if (D->getLocation().isValid() && SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
    return true;
  const NamespaceDecl *Outer = nullptr;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outer = NS;
  if (!Outer || !Outer->getIdentifier())
    return false;
  llvm::StringRef N = Outer->getName();
  return N == "std" || N == "__gnu_cxx" || N == "nlohmann" || N == "httplib" ||
         N == "boost" || N == "fmt" || N == "spdlog" || N == "absl" || N == "asio";
}

// ---------------------------------------------------------------------------------
// What the model says about a declaration, looked up once per declaration.

struct ModelEntry {
  const Source *Src = nullptr;
  const Propagation *Prop = nullptr;
  const Filter *Filt = nullptr;
  const Sink *Snk = nullptr;
  bool any() const { return Src || Prop || Filt || Snk; }
};

/// Scope::Name without template arguments ("std::basic_string::append"), the form the
/// model's entries use.
std::string modelName(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  std::string Own = D->getNameAsString();
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isAnonymousNamespace())
        Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getName());
    }
  }
  std::string Q;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It)
    Q += (*It + "::").str();
  return Q + Own;
}

class ModelIndex {
public:
  ModelIndex(const TaintModel &M, bool NameSources) : M(M), NameSources(NameSources) {
    for (const NameSource &NS : M.NameSources) {
      KindLabels.push_back(NS.Kind);
      for (const std::string &T : NS.Terms)
        Names.addTerm(T, KindLabels.size());
    }
    for (llvm::StringRef W : {"count", "len", "length", "size", "id", "type", "format",
                              "regex", "pattern", "valid", "is", "has", "num", "max", "min",
                              "field", "column", "col", "key", "label", "placeholder"})
      Names.addNegation(W);
    for (llvm::StringRef W : {"str", "string", "value", "text", "data", "buf", "addr"})
      Names.addTrailingWord(W);
  }

  const ModelEntry &lookup(const FunctionDecl *FD) {
    auto [It, New] = Entries.try_emplace(FD->getCanonicalDecl());
    if (!New)
      return It->second;
    std::string Q = modelName(FD);
    ModelEntry &E = It->second;
    E.Src = M.findSource(Q);
    E.Prop = M.findPropagation(Q);
    E.Filt = M.findFilter(Q);
    E.Snk = M.findSink(Q);
    // A name alone ("read") is a C function: a class's own read() is not the model's.
    if (isa<CXXMethodDecl>(FD)) {
      if (E.Src && E.Src->Scope.empty()) E.Src = nullptr;
      if (E.Prop && E.Prop->Scope.empty()) E.Prop = nullptr;
      if (E.Filt && E.Filt->Scope.empty()) E.Filt = nullptr;
      if (E.Snk && E.Snk->Scope.empty()) E.Snk = nullptr;
    }
    return E;
  }

  /// A call through a function pointer held in a struct's field: the model's source
  /// entry for the field's qualified name, as for a function of that name. An interface
  /// table of C, such as JNI's: (*env)->GetStringUTFChars(env, s, NULL) calls the field
  /// GetStringUTFChars of struct JNINativeInterface_.
  const Source *pointerCallSource(const CallExpr *CE, const FieldDecl *&Field) {
    const auto *ME = dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts());
    Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!Field || !Field->getIdentifier())
      return nullptr;
    auto [It, New] = PointerCalls.try_emplace(Field, nullptr);
    if (New) {
      // Only an entry scoped to the struct (a bare "getchar" is the C function, not a
      // field named so), and only a source of the call's result.
      const Source *S = M.findSource(modelName(Field));
      if (S && !S->Scope.empty() && llvm::is_contained(S->Args, ReturnValue))
        It->second = S;
    }
    return It->second;
  }

  const Source *fieldSource(const FieldDecl *FD) {
    auto [It, New] = Fields.try_emplace(FD, nullptr);
    if (New)
      It->second = M.findFieldSource(modelName(FD));
    return It->second;
  }

  /// Whether what \p FD returns can carry text. A number (not a character) that a
  /// program's own function returns is a count, a size, an index or a setting, unless
  /// the function's name says it reads characters (next_char, xmlCurrentChar, getc or
  /// utf8 wrappers; not nbytes, a size). Without this, a model's layer count read from
  /// its file made llama.cpp's whole context "file contents".
  bool returnsText(const FunctionDecl *FD) {
    auto [It, New] = ReturnsText.try_emplace(FD->getCanonicalDecl(), true);
    if (!New)
      return It->second;
    QualType T = FD->getReturnType().getCanonicalType();
    bool Number = (T->isArithmeticType() || T->isEnumeralType()) &&
                  !T->isAnyCharacterType() &&
                  !T->isSpecificBuiltinType(BuiltinType::SChar) &&
                  !T->isSpecificBuiltinType(BuiltinType::UChar);
    if (!Number)
      return true;
    std::string N;
    for (char C : FD->getNameAsString()) // next_char, nextChar, NextChar -> nextchar
      if (C != '_')
        N += llvm::toLower(C);
    It->second = llvm::any_of(
        std::initializer_list<llvm::StringRef>{"getc", "getchar", "readchar", "nextchar",
                                               "peekchar", "currentchar", "curchar",
                                               "readbyte", "nextbyte", "getbyte", "peekbyte",
                                               "utf8", "utf16", "codepoint"},
        [&](llvm::StringRef W) { return llvm::StringRef(N).contains(W); });
    return It->second;
  }

  /// "secret", "pii" or "" for a value named \p D.
  llvm::StringRef nameKind(const ValueDecl *D) {
    if (!NameSources || !D->getIdentifier())
      return "";
    auto [It, New] = NameKinds.try_emplace(D, "");
    if (!New)
      return It->second;
    if (!ast::isStringLike(D->getType().getNonReferenceType()))
      return "";
    llvm::StringRef N = D->getName();
    static const secrets::Recognizer Creds; // the built-in credential names
    if (Creds.classifyName(N) == secrets::NameStrength::Strong)
      It->second = "secret";
    else if (unsigned L = Names.headLabel(N))
      It->second = KindLabels[L - 1];
    return It->second;
  }

private:
  const TaintModel &M;
  bool NameSources;
  llvm::DenseMap<const FunctionDecl *, ModelEntry> Entries;
  llvm::DenseMap<const FieldDecl *, const Source *> Fields;
  llvm::DenseMap<const FieldDecl *, const Source *> PointerCalls;
  llvm::DenseMap<const ValueDecl *, llvm::StringRef> NameKinds;
  llvm::DenseMap<const FunctionDecl *, bool> ReturnsText;
  NameClassifier Names;
  std::vector<std::string> KindLabels;
};

// ---------------------------------------------------------------------------------
// The dataflow facts.

/// Where a value lives: a variable (or `this`, or a function's captures), optionally
/// one of its fields.
using PlaceKey = std::pair<const void *, const FieldDecl *>;

/// One step of a trace, shared by every taint that took it. Nodes are interned by
/// (previous node, place, message): a block analysed again on the way to the fixpoint
/// makes the same nodes, so the sets that hold them are the same sets.
struct TraceNode {
  SourceLocation Loc;
  llvm::StringRef Msg; ///< interned by the analyzer
  const TraceNode *Prev;
};

struct Taint {
  unsigned Origin;
  uint32_t Cleaned;
  uint8_t Flags;
  const TraceNode *Trace;
};

using TaintSet = llvm::SmallVector<Taint, 2>;

/// Sets are sorted by origin: a join or a comparison of two states is linear in their
/// size (an object passed to many calls collects one origin per call).
bool addTaint(TaintSet &To, const Taint &T) {
  auto It = llvm::lower_bound(To, T.Origin,
                              [](const Taint &X, unsigned O) { return X.Origin < O; });
  if (It != To.end() && It->Origin == T.Origin) {
    uint32_t C = It->Cleaned & T.Cleaned;
    uint8_t F = It->Flags | T.Flags;
    if (C == It->Cleaned && F == It->Flags)
      return false;
    It->Cleaned = C;
    It->Flags = F;
    return true;
  }
  To.insert(It, T);
  return true;
}

/// Adds every taint of \p From to \p To: a merge of two sorted sets, linear in their
/// sizes (a join of two large states must not insert one origin at a time).
bool addAll(TaintSet &To, const TaintSet &From) {
  if (From.empty())
    return false;
  if (To.empty()) {
    To = From;
    return true;
  }
  if (From.size() <= 2) {
    bool Changed = false;
    for (const Taint &T : From)
      Changed |= addTaint(To, T);
    return Changed;
  }
  TaintSet Merged;
  Merged.reserve(To.size() + From.size());
  bool Changed = false;
  auto A = To.begin(), AE = To.end();
  auto B = From.begin(), BE = From.end();
  while (A != AE || B != BE) {
    if (B == BE || (A != AE && A->Origin < B->Origin)) {
      Merged.push_back(*A++);
    } else if (A == AE || B->Origin < A->Origin) {
      Merged.push_back(*B++);
      Changed = true;
    } else {
      Taint T = *A++;
      uint32_t C = T.Cleaned & B->Cleaned;
      uint8_t F = T.Flags | B->Flags;
      Changed |= C != T.Cleaned || F != T.Flags;
      T.Cleaned = C;
      T.Flags = F;
      Merged.push_back(T);
      ++B;
    }
  }
  if (Changed)
    To = std::move(Merged);
  return Changed;
}

/// A block's facts. Sets are immutable and shared (a state copies pointers, not sets);
/// the function's analyzer owns them. Null holds nothing.
struct State {
  std::vector<const TaintSet *> Places; ///< by place id (FunctionAnalyzer::placeId)
  /// Pointers and references to local storage: the variable and what it points to.
  llvm::DenseMap<const VarDecl *, PlaceKey> PointsTo;
  const TaintSet *at(unsigned Id) const { return Id < Places.size() ? Places[Id] : nullptr; }
};

bool sameSets(const TaintSet &A, const TaintSet &B) {
  return A.size() == B.size() &&
         std::equal(A.begin(), A.end(), B.begin(), [](const Taint &X, const Taint &Y) {
           return X.Origin == Y.Origin && X.Cleaned == Y.Cleaned && X.Flags == Y.Flags;
         });
}

bool sameState(const State &A, const State &B) {
  if (A.PointsTo.size() != B.PointsTo.size())
    return false;
  // Sets are interned with their traces: different pointers may still differ only
  // in a trace, which does not make a new state (the fixpoint must not chase traces).
  for (size_t I = 0, N = std::max(A.Places.size(), B.Places.size()); I < N; ++I) {
    const TaintSet *X = A.at(I), *Y = B.at(I);
    if (X != Y && (!X || !Y || !sameSets(*X, *Y)))
      return false;
  }
  return true;
}

/// A hash of a set's taints, traces included (interning: equal sets, one copy).
uint64_t hashSet(const TaintSet &T) {
  uint64_t H = T.size();
  for (const Taint &X : T)
    H = llvm::hash_combine(H, X.Origin, X.Cleaned, X.Flags, X.Trace);
  return H;
}

bool identicalSets(const TaintSet &A, const TaintSet &B) {
  return A.size() == B.size() &&
         std::equal(A.begin(), A.end(), B.begin(), [](const Taint &X, const Taint &Y) {
           return X.Origin == Y.Origin && X.Cleaned == Y.Cleaned && X.Flags == Y.Flags &&
                  X.Trace == Y.Trace;
         });
}

/// The text of a string literal, or of a constant initialised with one
/// (constexpr const char *kURL = "...", const std::string LLM_URL = "...").
std::optional<std::string> literalValue(const Expr *E) {
  if (const StringLiteral *SL = ast::stringLiteralOf(E))
    return ast::literalText(SL);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(ast::ignoreWrappers(E)))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      // A constant, or a global `const char *URL = "..."` (the pointer itself is
      // rarely declared const; such a global is set once).
      if (VD->getType().isConstQualified() || VD->isConstexpr() ||
          (VD->hasGlobalStorage() && !VD->isStaticLocal() && VD->getType()->isPointerType() &&
           VD->getType()->getPointeeType().isConstQualified()))
        if (const Expr *Init = VD->getAnyInitializer())
          if (const StringLiteral *SL = ast::stringLiteralOf(Init))
            return ast::literalText(SL);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(ast::ignoreWrappers(E))) // URL.c_str()
    if (MC->getNumArgs() == 0)
      return literalValue(MC->getImplicitObjectArgument());
  return std::nullopt;
}

bool boolValue(const Expr *E, const ASTContext &Ctx) {
  E = ast::ignoreWrappers(E);
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
    return B->getValue();
  if (auto V = ast::integerValue(E, Ctx))
    return *V != 0;
  return false;
}

/// Text a person wrote for a model or a reader: at least three words of letters.
bool isInstructionText(llvm::StringRef S) {
  unsigned Words = 0;
  bool InWord = false;
  for (char C : S) {
    bool Letter = llvm::isAlpha(C);
    if (Letter && !InWord)
      ++Words;
    InWord = Letter || (InWord && C == '\'');
  }
  return Words >= 3;
}

bool isLLMEndpoint(llvm::StringRef URL) {
  for (llvm::StringRef Host : {"api.openai.com", "api.anthropic.com",
                               "generativelanguage.googleapis.com", "openai.azure.com",
                               "api.mistral.ai", "api.groq.com", "api.together.xyz",
                               "openrouter.ai", "api.deepseek.com"})
    if (URL.contains(Host))
      return true;
  for (llvm::StringRef Path : {"/v1/chat/completions", "/v1/completions", "/v1/messages",
                               "/api/generate", "/api/chat", ":generateContent",
                               "/v1/responses"})
    if (URL.contains(Path))
      return true;
  return false;
}

bool isRemoteEndpoint(llvm::StringRef URL) {
  return !(URL.contains("://localhost") || URL.contains("://127.0.0.1") ||
           URL.contains("://[::1]") || URL.starts_with("/"));
}

llvm::StringRef kindPhrase(llvm::StringRef Kind) {
  return llvm::StringSwitch<llvm::StringRef>(Kind)
      .Case("user-input", "user input")
      .Case("environment", "environment data")
      .Case("network", "network data")
      .Case("file", "file contents")
      .Case("llm-output", "a language model's output")
      .Case("secret", "a credential")
      .Case("pii", "personal data")
      .Default(Kind);
}

// ---------------------------------------------------------------------------------
// One function.

/// Whether \p VD is a global that the analysis follows between functions (a read of
/// it is a GlobalIn port).
bool carriesTaintAsGlobal(const VarDecl *VD) {
  if (!VD->hasGlobalStorage() || VD->isStaticLocal() || VD->getType().isConstQualified())
    return false;
  QualType T = VD->getType();
  return ast::isStringLike(T) || T->isRecordType() || T->isArrayType() || T->isPointerType();
}

/// The arguments of a call, as the model numbers them: the object (-2) apart.
struct Args {
  const Expr *Object = nullptr;
  llvm::SmallVector<const Expr *, 6> List;
  const Expr *get(int I) const {
    if (I == ThisObject)
      return Object;
    if (I >= 0 && unsigned(I) < List.size())
      return List[I];
    return nullptr;
  }
};

Args argsOf(const CallExpr *CE, const FunctionDecl *Callee) {
  Args A;
  unsigned First = 0;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    A.Object = MC->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(Callee) &&
           CE->getNumArgs() > 0) {
    A.Object = CE->getArg(0);
    First = 1;
  }
  for (unsigned I = First; I < CE->getNumArgs(); ++I)
    A.List.push_back(CE->getArg(I));
  return A;
}

/// The kind of what a modelled source call returns: the model's, refined by the
/// arguments. Reading standard input is user input; CGI puts the request into the
/// environment (QUERY_STRING, HTTP_COOKIE, ...); a std::getline or >> on another
/// stream reads a file.
llvm::StringRef sourceKindOf(const Source &Src, const FunctionDecl *Callee,
                             llvm::ArrayRef<const Expr *> Args, const ASTContext &Ctx) {
  llvm::StringRef Kind = Src.Kind;
  bool Stdin = false, Stream = false;
  for (const Expr *X : Args) {
    std::string N = ast::nameOfValue(X);
    if (X->getBeginLoc().isMacroID() && ast::spelledConstantName(X, Ctx) == "stdin")
      N = "stdin"; // mingw: #define stdin (__acrt_iob_func(0))
    Stdin |= N == "stdin" || N == "cin" || N == "wcin" || N == "STDIN_FILENO";
    if (const CXXRecordDecl *RD = X->IgnoreImpCasts()->getType()->getAsCXXRecordDecl())
      Stream |= RD->getName().contains("stream") || RD->getName().contains("istream");
  }
  if (Callee->getIdentifier() && Callee->getName() == "read" && !Args.empty())
    if (auto V = ast::integerValue(Args[0], Ctx); V && *V == 0)
      Stdin = true;
  if (Stdin)
    Kind = "user-input";
  if (Kind == "environment" && !Args.empty()) {
    if (auto Var = literalValue(Args[0])) {
      llvm::StringRef V(*Var);
      if (V.starts_with("HTTP_") ||
          llvm::is_contained({"QUERY_STRING", "REQUEST_URI", "PATH_INFO", "PATH_TRANSLATED",
                              "CONTENT_TYPE", "CONTENT_LENGTH", "REMOTE_USER",
                              "REQUEST_METHOD", "SCRIPT_NAME", "DOCUMENT_URI"},
                             V))
        Kind = "user-input";
    }
  } else if (Kind == "user-input" && Stream && !Stdin) {
    Kind = "file";
  }
  return Kind;
}

/// A CGI program's output call: printf, puts, or fputs/fprintf to stdout.
struct CGIPrintf {
  bool Printf = false;
  unsigned FirstValue = 0; ///< the first argument that is printed
  bool Header = false;     ///< its format writes a header line ("Name: %s\r\n")
  bool TextHtml = false;   ///< its format says "text/html"
};

CGIPrintf cgiPrintf(llvm::StringRef Name, llvm::ArrayRef<const Expr *> Args) {
  CGIPrintf P;
  if (!(Name == "printf" || Name == "puts" || Name == "fputs" || Name == "fprintf") ||
      Args.empty())
    return P;
  unsigned FmtIdx = Name == "fprintf" ? 1 : 0;
  if (Name == "fputs" || Name == "fprintf")
    if (Args.size() <= FmtIdx ||
        (Name == "fputs" ? ast::nameOfValue(Args[1]) : ast::nameOfValue(Args[0])) != "stdout")
      return P;
  if (Args.size() <= FmtIdx)
    return P;
  const StringLiteral *Fmt = ast::stringLiteralOf(Args[FmtIdx]);
  llvm::StringRef FmtText = Fmt && Fmt->getCharByteWidth() == 1 ? Fmt->getString() : "";
  P.Printf = true;
  P.FirstValue = FmtIdx + (Name == "puts" || Name == "fputs" ? 0 : 1);
  P.Header = FmtText.contains("\r\n") && FmtText.contains(": ") && FmtText.contains("%s") &&
             !FmtText.starts_with("<");
  P.TextHtml = FmtText.contains_insensitive("text/html");
  return P;
}

class FunctionAnalyzer {
public:
  FunctionAnalyzer(const FunctionDecl *FD, ASTContext &Ctx, ModelIndex &Models,
                   FunctionSummary &Out)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Models(Models), Out(Out),
        ThisKey(FD) {}

  /// False when the function could not be analysed: it then has no summary, and a
  /// caller's link treats it as a function outside the program.
  bool run() {
    CFG::BuildOptions BO;
    std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &Ctx, BO);
    if (!G)
      return false;
    State Entry;
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      const ParmVarDecl *P = FD->getParamDecl(I);
      put(Entry, {P, nullptr}, {{origin(param(I)), 0, 0, nullptr}});
    }
    if (FD->isMain() && FD->getNumParams() >= 2) {
      const ParmVarDecl *Argv = FD->getParamDecl(1);
      Cur = &Entry;
      TaintSet T = *get(Entry, {Argv, nullptr});
      addAll(T, sourceTaint(Argv, "user-input", "'" + Argv->getName().str() + "' of main",
                            Argv->getLocation()));
      put(Entry, {Argv, nullptr}, std::move(T));
      Cur = nullptr;
    }
    if (isa<CXXMethodDecl>(FD) && !cast<CXXMethodDecl>(FD)->isStatic())
      put(Entry, {ThisKey, nullptr}, {{origin(param(ThisObject)), 0, 0, nullptr}});

    unsigned N = G->getNumBlockIDs();
    std::vector<const CFGBlock *> ByID(N, nullptr);
    for (const CFGBlock *B : *G)
      if (B)
        ByID[B->getBlockID()] = B;
    std::vector<State> Exits(N);
    std::vector<uint8_t> Done(N, 0);
    std::set<unsigned, std::greater<unsigned>> Work; // entry has the highest id
    Work.insert(G->getEntry().getBlockID());
    unsigned Budget = 30 * N + 100;
    while (!Work.empty() && Budget--) {
      unsigned ID = *Work.begin();
      Work.erase(Work.begin());
      const CFGBlock *Block = ByID[ID];
      if (!Block)
        continue;
      llvm::SmallVector<const State *, 4> In;
      if (Block == &G->getEntry())
        In.push_back(&Entry);
      for (const CFGBlock *P : Block->preds())
        if (P && Done[P->getBlockID()])
          In.push_back(&Exits[P->getBlockID()]);
      State S = joinAll(In, ID);
      transfer(*Block, S);
      if (Block == &G->getExit())
        atExit(S);
      if (Done[ID] && sameState(S, Exits[ID]))
        continue;
      Exits[ID] = std::move(S);
      Done[ID] = 1;
      for (const CFGBlock *Succ : Block->succs())
        if (Succ)
          Work.insert(Succ->getBlockID());
    }
    // Out of budget before the exit: a summary without its out-parameters would make
    // callers forget what they passed in (their update of an out-argument is strong).
    return Done[G->getExit().getBlockID()];
  }

private:
  const FunctionDecl *FD;
  ASTContext &Ctx;
  SourceManager &SM;
  ModelIndex &Models;
  FunctionSummary &Out;
  const void *ThisKey;

  State *Cur = nullptr;
  // Places by id, and the sets the states share.
  llvm::DenseMap<PlaceKey, unsigned> PlaceIds;
  llvm::DenseMap<const void *, llvm::SmallVector<unsigned, 2>> VarPlaces;
  std::deque<TaintSet> Pool;

  unsigned placeId(const PlaceKey &K) {
    auto [It, New] = PlaceIds.try_emplace(K, PlaceIds.size());
    if (New)
      VarPlaces[K.first].push_back(It->second);
    return It->second;
  }
  llvm::ArrayRef<unsigned> placesOf(const void *Var) const {
    auto It = VarPlaces.find(Var);
    return It == VarPlaces.end() ? llvm::ArrayRef<unsigned>() : It->second;
  }
  /// The one shared copy of \p T (null for the empty set): states that hold equal
  /// sets hold the same pointer, so joins and comparisons of them cost nothing.
  const TaintSet *keep(TaintSet T) {
    if (T.empty())
      return nullptr;
    auto &Bucket = SetsByHash[hashSet(T)];
    for (const TaintSet *X : Bucket)
      if (identicalSets(*X, T))
        return X;
    Pool.push_back(std::move(T));
    Bucket.push_back(&Pool.back());
    return &Pool.back();
  }
  llvm::DenseMap<uint64_t, llvm::SmallVector<const TaintSet *, 1>> SetsByHash;
  const TaintSet *get(const State &S, const PlaceKey &K) const {
    auto It = PlaceIds.find(K);
    return It == PlaceIds.end() ? nullptr : S.at(It->second);
  }
  void putId(State &S, unsigned Id, TaintSet T) {
    if (S.Places.size() <= Id)
      S.Places.resize(Id + 1, nullptr);
    S.Places[Id] = keep(std::move(T));
  }
  void put(State &S, const PlaceKey &K, TaintSet T) { putId(S, placeId(K), std::move(T)); }
  /// The state where \p In meet at the start of block \p Block. A place that would hold
  /// more than MaxJoined taints there (a context pointer passed to the calls of every
  /// case of a large switch in a loop) holds one Join origin instead, with an edge from
  /// each taint: a state stays small, and so do the edges of everything that place
  /// reaches later (one each, not one per taint). The link follows the edges through
  /// the join, so no flow is lost.
  State joinAll(llvm::ArrayRef<const State *> In, unsigned Block) {
    State S;
    if (In.empty())
      return S;
    if (In.size() == 1)
      return *In.front();
    size_t N = 0;
    for (const State *X : In)
      N = std::max(N, X->Places.size());
    S.Places.assign(N, nullptr);
    for (size_t I = 0; I < N; ++I) {
      const TaintSet *First = nullptr;
      bool Many = false;
      for (const State *X : In) {
        const TaintSet *T = X->at(I);
        if (!T || T == First)
          continue;
        if (First) {
          Many = true;
          break;
        }
        First = T;
      }
      if (!Many) {
        S.Places[I] = First;
        continue;
      }
      const TaintSet *U = nullptr;
      for (const State *X : In)
        U = joinSets(U, X->at(I));
      uint64_t JoinKey = (uint64_t(Block) << 32) | I;
      auto JIt = JoinSets.find(JoinKey);
      if (JIt == JoinSets.end() && U->size() <= MaxJoined) {
        S.Places[I] = U;
        continue;
      }
      Port P{PortKind::Join, int(I), Block, ""};
      if (EmittedJoins.insert({JoinKey, U}).second)
        emit(*U, P, SourceLocation(), "");
      if (JIt == JoinSets.end())
        JIt = JoinSets.try_emplace(JoinKey, keep({{origin(P), 0, 0, nullptr}})).first;
      S.Places[I] = JIt->second;
    }
    for (const State *X : In)
      for (const auto &[K, V] : X->PointsTo)
        S.PointsTo.try_emplace(K, V);
    return S;
  }
  static constexpr size_t MaxJoined = 8;
  /// The union of two shared sets, shared; each pair is joined once.
  const TaintSet *joinSets(const TaintSet *A, const TaintSet *B) {
    if (!A || A == B)
      return B;
    if (!B)
      return A;
    auto It = Joined.find({A, B});
    if (It != Joined.end())
      return It->second;
    TaintSet U = *A;
    addAll(U, *B);
    const TaintSet *R = keep(std::move(U));
    Joined[{A, B}] = R;
    return R;
  }
  llvm::DenseMap<std::pair<const TaintSet *, const TaintSet *>, const TaintSet *> Joined;
  llvm::DenseSet<std::pair<uint64_t, const TaintSet *>> EmittedJoins;
  llvm::DenseMap<uint64_t, const TaintSet *> JoinSets; ///< by (block, place)
  llvm::DenseMap<const Expr *, TaintSet> Cache;
  std::deque<TraceNode> Nodes;
  std::vector<Port> Origins;
  llvm::DenseMap<uint64_t, unsigned> OriginIds;
  llvm::DenseSet<std::tuple<unsigned, uint64_t, uint32_t, uint8_t>> EdgeKeys;
  llvm::StringMap<unsigned> GlobalIds;
  llvm::DenseMap<const void *, unsigned> SourceSites; ///< by call or declaration
  llvm::DenseMap<const void *, unsigned> SinkSites;   ///< by argument or field
  llvm::DenseMap<const Expr *, unsigned> CallSites;
  /// curl handles (by place) and the URL literal set on them.
  std::map<PlaceKey, std::string> CurlURLs;
  /// httplib::Client variables and their base URL.
  llvm::DenseMap<const VarDecl *, std::string> ClientHosts;
  bool SawTextHtml = false;
  /// Places initialised with instruction text ("You are a summarizer. ..."): what is
  /// appended to them is spliced into instructions.
  std::set<PlaceKey> HoldsInstructions;

  void noteInstructions(const PlaceKey &K, const Expr *Init) {
    if (const StringLiteral *SL = ast::stringLiteralOf(Init))
      if (SL->getCharByteWidth() == 1 && isInstructionText(SL->getString()))
        HoldsInstructions.insert(K);
  }

  /// Messages whose role field was set from a literal: msg.role = "user".
  llvm::DenseMap<const void *, uint8_t> RoleOf;

  void noteRole(const Expr *LHS, const Expr *RHS) {
    auto P = placeOf(LHS);
    if (!P || !P->second || P->second->getName() != "role")
      return;
    if (const StringLiteral *SL = ast::stringLiteralOf(RHS)) {
      llvm::StringRef R = SL->getCharByteWidth() == 1 ? SL->getString() : "";
      if (R == "user")
        RoleOf[P->first] = UserRole;
      else if (R == "system" || R == "developer")
        RoleOf[P->first] = SystemRole;
    }
  }

  // -- ports and origins ----------------------------------------------------------

  static Port param(int I) { return {PortKind::ParamIn, I, 0, ""}; }

  /// \p P in 64 bits (a global's name interned), for hashing.
  uint64_t portKey(const Port &P) {
    uint32_t SiteOrName = P.Site;
    if (!P.Name.empty())
      SiteOrName = GlobalIds.try_emplace(P.Name, GlobalIds.size()).first->second;
    return packPort(P.Kind, P.Index, SiteOrName);
  }

  unsigned origin(const Port &P) {
    auto [It, New] = OriginIds.try_emplace(portKey(P), Origins.size());
    if (New)
      Origins.push_back(P);
    return It->second;
  }

  Step step(SourceLocation Loc, llvm::StringRef Msg) const {
    Step S;
    Loc = SM.getExpansionLoc(Loc);
    PresumedLoc P = SM.getPresumedLoc(Loc);
    if (P.isValid()) {
      S.File = P.getFilename();
      S.Line = P.getLine();
      S.Column = P.getColumn();
    }
    S.Message = Msg.str();
    S.RawLoc = Loc.getRawEncoding();
    return S;
  }

  const TraceNode *extend(const TraceNode *Prev, SourceLocation Loc, llvm::StringRef Msg) {
    llvm::StringRef Text = Messages.insert(Msg).first->getKey();
    auto [It, New] = NodeIds.try_emplace(
        std::make_tuple(Prev, Loc.getRawEncoding(), Text.data()), nullptr);
    if (New) {
      Nodes.push_back({Loc, Text, Prev});
      It->second = &Nodes.back();
    }
    return It->second;
  }
  llvm::StringSet<> Messages;
  llvm::DenseMap<std::tuple<const TraceNode *, unsigned, const char *>, const TraceNode *>
      NodeIds;

  TaintSet withStep(const TaintSet &T, SourceLocation Loc, const std::string &Msg) {
    TaintSet R = T;
    for (Taint &X : R)
      X.Trace = extend(X.Trace, Loc, Msg);
    return R;
  }

  void emit(const TaintSet &T, const Port &To, SourceLocation Loc, llvm::StringRef Msg,
            uint8_t ExtraFlags = 0) {
    for (const Taint &X : T) {
      const Port &From = Origins[X.Origin];
      if (From == To)
        continue;
      uint8_t Flags = X.Flags | ExtraFlags;
      if (!EdgeKeys.insert({X.Origin, portKey(To), X.Cleaned, Flags}).second)
        continue;
      Edge E;
      E.From = From;
      E.To = To;
      E.Cleaned = X.Cleaned;
      E.Flags = Flags;
      llvm::SmallVector<const TraceNode *, 8> Chain;
      for (const TraceNode *N = X.Trace; N && Chain.size() < 30; N = N->Prev)
        Chain.push_back(N);
      for (auto It = Chain.rbegin(); It != Chain.rend(); ++It)
        E.Steps.push_back(step((*It)->Loc, (*It)->Msg));
      if (Loc.isValid() && !Msg.empty())
        E.Steps.push_back(step(Loc, Msg));
      Out.Edges.push_back(std::move(E));
    }
  }

  /// A source at \p Loc: a call (\p IsCall: "returns") or a value read ("holds").
  TaintSet sourceTaint(const void *Key, llvm::StringRef Kind, llvm::StringRef What,
                       SourceLocation Loc, bool IsCall = false) {
    auto [It, New] = SourceSites.try_emplace(Key, Out.Sources.size());
    std::string Msg = ("source: " + What + (IsCall ? " returns " : " holds ") +
                       kindPhrase(Kind))
                          .str();
    if (New)
      Out.Sources.push_back({Kind.str(), What.str(), step(Loc, Msg)});
    Port P{PortKind::Source, int(It->second), 0, ""};
    return {Taint{origin(P), 0, 0, extend(nullptr, Loc, Msg)}};
  }

  void sink(const Expr *Arg, const TaintSet &T, llvm::StringRef Kind, llvm::StringRef What,
            llvm::StringRef Role = "", bool Remote = false, uint8_t Flags = 0) {
    sinkAt(Arg, ast::userLoc(Arg, Ctx), T, Kind, What, Role, Remote, Flags);
  }

  /// A sink site per \p Key (an argument, or a field write): its edges from \p T.
  void sinkAt(const void *Key, SourceLocation Loc, const TaintSet &T, llvm::StringRef Kind,
              llvm::StringRef What, llvm::StringRef Role = "", bool Remote = false,
              uint8_t Flags = 0) {
    if (T.empty())
      return;
    auto [It, New] = SinkSites.try_emplace(Key, Out.Sinks.size());
    std::string Msg = ("sink: " + What).str();
    if (New)
      Out.Sinks.push_back({Kind.str(), What.str(), Role.str(), Remote, step(Loc, Msg)});
    emit(T, {PortKind::Sink, int(It->second), 0, ""}, Loc, Msg, Flags);
  }

  // -- places ---------------------------------------------------------------------

  static bool isGlobal(const VarDecl *VD) {
    return VD->hasGlobalStorage() && !VD->isStaticLocal();
  }

  bool isCaptured(const VarDecl *VD) const {
    return VD->getDeclContext() != FD && !isGlobal(VD) &&
           !FD->Encloses(VD->getDeclContext()) && VD->isLocalVarDeclOrParm();
  }

  std::optional<PlaceKey> placeOf(const Expr *E) {
    E = ast::ignoreWrappers(E);
    if (!E)
      return std::nullopt;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return PlaceKey{VD, nullptr};
      return std::nullopt;
    }
    if (isa<CXXThisExpr>(E))
      return PlaceKey{ThisKey, nullptr};
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      auto Base = placeOf(ME->getBase());
      if (!Base)
        return std::nullopt;
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (!Base->second)
          return PlaceKey{Base->first, F};
      return Base;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf)
        return placeOf(UO->getSubExpr());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return placeOf(AS->getBase());
    if (const auto *C = dyn_cast<CastExpr>(E))
      return placeOf(C->getSubExpr());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      // v[i], *it, p->x, j["key"] name a part of the object.
      if (OC->getNumArgs() >= 1 &&
          (OC->getOperator() == OO_Subscript || OC->getOperator() == OO_Star ||
           OC->getOperator() == OO_Arrow))
        return placeOf(OC->getArg(0));
      // os << a << b, s += t, j = v return their left operand.
      if (OC->getNumArgs() >= 1 && OC->isLValue() &&
          (OC->getOperator() == OO_LessLess || OC->getOperator() == OO_GreaterGreater ||
           OC->getOperator() == OO_Equal || OC->getOperator() == OO_PlusEqual))
        return placeOf(OC->getArg(0));
      return std::nullopt;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // at(), front(), back(), value() return a part of the object by reference.
      if (MC->getType()->isReferenceType() || MC->isLValue())
        return placeOf(MC->getImplicitObjectArgument());
      return std::nullopt;
    }
    return std::nullopt;
  }

  TaintSet readPlace(const PlaceKey &K, const Expr *At) {
    TaintSet R;
    const State &S = *Cur;
    if (K.second) {
      if (const TaintSet *T = get(S, K))
        addAll(R, *T);
      if (const TaintSet *T = get(S, {K.first, nullptr}))
        addAll(R, *T);
      if (const Source *Src = Models.fieldSource(K.second))
        addAll(R, sourceTaint(At, Src->Kind, "'" + K.second->getName().str() + "'",
                              At->getExprLoc()));
      if (llvm::StringRef NK = Models.nameKind(K.second); !NK.empty())
        addAll(R, sourceTaint(K.second, NK, "'" + K.second->getName().str() + "'",
                              At->getExprLoc()));
    } else {
      for (unsigned Id : placesOf(K.first))
        if (const TaintSet *T = S.at(Id))
          addAll(R, *T);
      if (auto It = RoleOf.find(K.first); It != RoleOf.end())
        for (Taint &T : R)
          T.Flags |= It->second;
    }
    if (K.first == ThisKey)
      return R;
    const auto *VD = static_cast<const VarDecl *>(K.first);
    if (auto It = S.PointsTo.find(VD); It != S.PointsTo.end() && It->second.first != VD)
      addAll(R, readTarget(It->second));
    if (carriesTaintAsGlobal(VD)) {
      addTaint(R, {origin({PortKind::GlobalIn, 0, 0, usr(VD)}), 0, 0, nullptr});
    } else if (isCaptured(VD)) {
      addTaint(R, {origin(param(ThisObject)), 0, 0, nullptr});
    }
    if (!K.second)
      if (llvm::StringRef NK = Models.nameKind(VD); !NK.empty())
        addAll(R, sourceTaint(VD, NK, "'" + VD->getName().str() + "'", At->getExprLoc()));
    return R;
  }

  TaintSet readTarget(const PlaceKey &K) {
    TaintSet R;
    for (const auto &[PK, Id] : PlaceIds)
      if (PK.first == K.first && (!K.second || !PK.second || PK.second == K.second))
        if (const TaintSet *T = Cur->at(Id))
          addAll(R, *T);
    return R;
  }

  std::string placeName(const PlaceKey &K) const {
    std::string N = K.first == ThisKey ? "this"
                                       : static_cast<const VarDecl *>(K.first)->getNameAsString();
    if (K.second)
      N += "." + K.second->getNameAsString();
    return N;
  }

  void write(const PlaceKey &K, const TaintSet &T, bool Strong, SourceLocation Loc,
             const std::string &Msg = "") {
    TaintSet Stepped =
        T.empty() ? T : withStep(T, Loc, Msg.empty() ? "stored in '" + placeName(K) + "'" : Msg);
    if (Strong) {
      put(*Cur, K, Stepped);
    } else if (!Stepped.empty()) {
      TaintSet U = Stepped;
      if (const TaintSet *Old = get(*Cur, K))
        U = *Old, addAll(U, Stepped);
      put(*Cur, K, std::move(U));
    }
    if (K.first == ThisKey || T.empty())
      return;
    const auto *VD = static_cast<const VarDecl *>(K.first);
    if (auto It = Cur->PointsTo.find(VD); It != Cur->PointsTo.end() && It->second.first != VD) {
      TaintSet U = Stepped;
      if (const TaintSet *Old = get(*Cur, It->second))
        U = *Old, addAll(U, Stepped);
      put(*Cur, It->second, std::move(U));
    }
    if (isGlobal(VD))
      emit(Stepped, {PortKind::GlobalOut, 0, 0, usr(VD)}, SourceLocation(), "");
    // A write into a response's body is a sink (crow::response::body, CGI).
    if (K.second && K.second->getName() == "body") {
      std::string Rec = modelName(K.second);
      if (llvm::StringRef(Rec).starts_with("crow::response::"))
        sinkAt(K.second, Loc, Stepped, "html", "the body of a crow::response");
    }
  }



  std::string usr(const Decl *D) const {
    llvm::SmallString<128> Buf;
    if (index::generateUSRForDecl(D, Buf))
      return "";
    return std::string(Buf);
  }

  // -- transfer -------------------------------------------------------------------

  void transfer(const CFGBlock &B, State &S) {
    Cur = &S;
    Cache.clear();
    for (const CFGElement &El : B) {
      auto CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *St = CS->getStmt();
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        declStmt(DS);
      else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
        if (const Expr *RV = RS->getRetValue())
          emit(eval(RV), {PortKind::Return, ReturnValue, 0, ""}, RS->getReturnLoc(),
               "returned");
      } else if (const auto *E = dyn_cast<Expr>(St))
        eval(E);
    }
    if (const Stmt *T = B.getTerminatorCondition())
      if (const auto *CondE = dyn_cast<Expr>(T))
        guard(CondE);
    Cur = nullptr;
  }

  void atExit(State &S) {
    Cur = &S;
    auto OutPort = [&](int I, const PlaceKey &K, QualType T) {
      bool Writable = false;
      if (I == ThisObject)
        Writable = !cast<CXXMethodDecl>(FD)->isConst();
      else if (const auto *PT = T->getAs<PointerType>())
        Writable = !PT->getPointeeType().isConstQualified();
      else if (const auto *RT = T->getAs<LValueReferenceType>())
        Writable = !RT->getPointeeType().isConstQualified();
      if (!Writable)
        return;
      TaintSet T2;
      for (unsigned Id : placesOf(K.first))
        if (const TaintSet *V = S.at(Id))
          addAll(T2, *V);
      emit(T2, {PortKind::ParamOut, I, 0, ""}, SourceLocation(), "");
    };
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      OutPort(I, {FD->getParamDecl(I), nullptr}, FD->getParamDecl(I)->getType());
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && !MD->isStatic())
      OutPort(ThisObject, {ThisKey, nullptr}, QualType());
    Cur = nullptr;
  }

  void declStmt(const DeclStmt *DS) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      const Expr *Init = VD->getInit();
      TaintSet T = eval(Init);
      QualType Ty = VD->getType();
      if (Ty->isReferenceType() || Ty->isPointerType()) {
        if (auto Target = placeOf(Init))
          if (Target->first != VD) {
            const Expr *SI = ast::ignoreWrappers(Init);
            // A pointer to an array or variable (buf, &x), or a reference to one.
            bool ToStorage = Ty->isReferenceType();
            if (const auto *UO = dyn_cast<UnaryOperator>(SI))
              ToStorage |= UO->getOpcode() == UO_AddrOf;
            if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Init->IgnoreParens()))
              ToStorage |= ICE->getCastKind() == CK_ArrayToPointerDecay;
            if (ToStorage)
              Cur->PointsTo[VD] = *Target;
          }
      }
      if (const auto *CE = dyn_cast<CXXConstructExpr>(ast::ignoreWrappers(Init)))
        if (const CXXRecordDecl *RD = CE->getConstructor()->getParent())
          if (RD->getName() == "Client" && modelName(RD) == "httplib::Client" &&
              CE->getNumArgs() >= 1)
            if (auto URL = literalValue(CE->getArg(0)))
              ClientHosts[VD] = *URL;
      noteInstructions({VD, nullptr}, Init);
      write({VD, nullptr}, T, /*Strong=*/true, VD->getLocation());
    }
  }

  TaintSet eval(const Expr *E) {
    if (!E)
      return {};
    if (auto It = Cache.find(E); It != Cache.end())
      return It->second;
    TaintSet R = compute(E);
    Cache[E] = R;
    return R;
  }

  TaintSet unionOf(llvm::ArrayRef<const Expr *> Es) {
    TaintSet R;
    for (const Expr *X : Es)
      addAll(R, eval(X));
    return R;
  }

  TaintSet compute(const Expr *E) {
    switch (E->getStmtClass()) {
    case Stmt::StringLiteralClass:
    case Stmt::IntegerLiteralClass:
    case Stmt::CharacterLiteralClass:
    case Stmt::FloatingLiteralClass:
    case Stmt::CXXBoolLiteralExprClass:
    case Stmt::CXXNullPtrLiteralExprClass:
    case Stmt::UnaryExprOrTypeTraitExprClass:
    case Stmt::CXXNoexceptExprClass:
    case Stmt::TypeTraitExprClass:
    case Stmt::PredefinedExprClass:
    case Stmt::CXXDefaultArgExprClass:
    case Stmt::CXXDefaultInitExprClass:
    case Stmt::ImplicitValueInitExprClass:
    case Stmt::CXXScalarValueInitExprClass:
    case Stmt::SizeOfPackExprClass:
    case Stmt::GNUNullExprClass:
    case Stmt::OffsetOfExprClass:
    case Stmt::CXXTypeidExprClass:
    case Stmt::AddrLabelExprClass:
    case Stmt::StmtExprClass:
      return {};
    case Stmt::DeclRefExprClass: {
      const auto *DRE = cast<DeclRefExpr>(E);
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return readPlace({VD, nullptr}, E);
      return {};
    }
    case Stmt::CXXThisExprClass:
      return readPlace({ThisKey, nullptr}, E);
    case Stmt::MemberExprClass: {
      const auto *ME = cast<MemberExpr>(E);
      if (isa<FieldDecl>(ME->getMemberDecl()))
        if (auto P = placeOf(ME)) {
          eval(ME->getBase());
          return readPlace(*P, E);
        }
      return eval(ME->getBase());
    }
    case Stmt::ArraySubscriptExprClass: {
      const auto *AS = cast<ArraySubscriptExpr>(E);
      eval(AS->getIdx());
      return eval(AS->getBase());
    }
    case Stmt::BinaryOperatorClass:
    case Stmt::CompoundAssignOperatorClass:
      return binary(cast<BinaryOperator>(E));
    case Stmt::UnaryOperatorClass:
      return eval(cast<UnaryOperator>(E)->getSubExpr());
    case Stmt::ConditionalOperatorClass: {
      const auto *CO = cast<ConditionalOperator>(E);
      eval(CO->getCond());
      return unionOf({CO->getTrueExpr(), CO->getFalseExpr()});
    }
    case Stmt::BinaryConditionalOperatorClass: {
      const auto *CO = cast<BinaryConditionalOperator>(E);
      return unionOf({CO->getCommon(), CO->getFalseExpr()});
    }
    case Stmt::CallExprClass:
    case Stmt::CXXMemberCallExprClass:
    case Stmt::CXXOperatorCallExprClass:
    case Stmt::UserDefinedLiteralClass:
      return call(cast<CallExpr>(E));
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXTemporaryObjectExprClass:
      return construct(cast<CXXConstructExpr>(E));
    case Stmt::InitListExprClass: {
      const auto *IL = cast<InitListExpr>(E);
      TaintSet R;
      for (const Expr *Init : IL->inits())
        addAll(R, eval(Init));
      return withRoles(R, E);
    }
    case Stmt::LambdaExprClass: {
      TaintSet R;
      for (const Expr *Init : cast<LambdaExpr>(E)->capture_inits())
        if (Init)
          addAll(R, eval(Init));
      return R;
    }
    default:
      break;
    }
    if (const auto *CE = dyn_cast<CastExpr>(E))
      return eval(CE->getSubExpr());
    TaintSet R;
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        addAll(R, eval(CE));
    return R;
  }

  TaintSet binary(const BinaryOperator *BO) {
    switch (BO->getOpcode()) {
    case BO_Assign: {
      noteRole(BO->getLHS(), BO->getRHS());
      TaintSet T = eval(BO->getRHS());
      eval(BO->getLHS());
      if (auto P = placeOf(BO->getLHS())) {
        const Expr *L = ast::ignoreWrappers(BO->getLHS());
        bool Strong = isa<DeclRefExpr>(L) || isa<MemberExpr>(L);
        if (const auto *DRE = dyn_cast<DeclRefExpr>(L))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            Strong = !isGlobal(VD) && !VD->getType()->isReferenceType();
        write(*P, T, Strong, BO->getOperatorLoc());
      }
      return T;
    }
    case BO_AddAssign:
    case BO_SubAssign:
    case BO_OrAssign:
    case BO_XorAssign:
    case BO_AndAssign:
    case BO_ShlAssign:
    case BO_ShrAssign:
    case BO_MulAssign:
    case BO_DivAssign:
    case BO_RemAssign: {
      TaintSet T = eval(BO->getRHS());
      TaintSet L = eval(BO->getLHS());
      if (auto P = placeOf(BO->getLHS()))
        write(*P, T, false, BO->getOperatorLoc());
      addAll(L, T);
      return L;
    }
    case BO_Comma:
      eval(BO->getLHS());
      return eval(BO->getRHS());
    case BO_LAnd:
    case BO_LOr:
    case BO_EQ:
    case BO_NE:
    case BO_LT:
    case BO_GT:
    case BO_LE:
    case BO_GE:
    case BO_Cmp:
      eval(BO->getLHS());
      eval(BO->getRHS());
      return {};
    default:
      return unionOf({BO->getLHS(), BO->getRHS()});
    }
  }

  /// Taint from a message built with a literal role beside it: {"role", "user"} in an
  /// nlohmann::json object, llama_chat_message{"user", text}.
  TaintSet withRoles(TaintSet R, const Expr *E) {
    if (R.empty())
      return R;
    bool User = false, System = false;
    unsigned Budget = 400;
    std::function<void(const Stmt *, unsigned)> Scan = [&](const Stmt *S, unsigned Depth) {
      if (!S || !Budget || Depth > 14)
        return;
      --Budget;
      if (const auto *SL = dyn_cast<StringLiteral>(S)) {
        if (SL->getCharByteWidth() == 1) {
          User |= SL->getString() == "user";
          System |= SL->getString() == "system" || SL->getString() == "developer";
        }
        return;
      }
      for (const Stmt *C : S->children())
        Scan(C, Depth + 1);
    };
    Scan(E, 0);
    if (User == System) // neither, or a whole conversation
      return R;
    for (Taint &T : R)
      T.Flags |= User ? UserRole : SystemRole;
    return R;
  }

  // -- calls ----------------------------------------------------------------------

  bool inSystemHeader(const Decl *D) const { return isLibraryDecl(D, SM); }

  TaintSet call(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    Args A = argsOf(CE, Callee);
    TaintSet ObjT = A.Object ? eval(A.Object) : TaintSet();
    llvm::SmallVector<TaintSet, 6> ArgT;
    for (const Expr *X : A.List)
      ArgT.push_back(eval(X));
    if (!Callee) {
      // A call through a pointer or std::function: the callee is not known here, unless
      // the pointer is a modelled field of an interface table.
      const FieldDecl *Field = nullptr;
      const Source *Src = Models.pointerCallSource(CE, Field);
      if (!Src)
        return {};
      return sourceTaint(CE, Src->Kind, "'" + Field->getName().str() + "'", CE->getExprLoc(),
                         /*IsCall=*/true);
    }
    auto T = [&](int I) -> TaintSet {
      if (I == ThisObject)
        return ObjT;
      if (I >= 0 && unsigned(I) < ArgT.size())
        return ArgT[I];
      return {};
    };
    llvm::StringRef Name = Callee->getIdentifier() ? Callee->getName() : "";
    std::string Display = Callee->getNameAsString();
    special(CE, Callee, Name, A, ArgT);
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
        OC && OC->getOperator() == OO_Equal && A.Object && !A.List.empty())
      noteRole(A.Object, A.List[0]);

    const ModelEntry &M = Models.lookup(Callee);
    if (M.any() || inSystemHeader(Callee))
      return modelled(CE, Callee, Display, M, A, ObjT, ArgT, T);
    return userCall(CE, Callee, A, ObjT, ArgT);
  }

  template <typename TFn>
  TaintSet modelled(const Expr *CE, const FunctionDecl *Callee, const std::string &Display,
                    const ModelEntry &M, const Args &A, const TaintSet &ObjT,
                    llvm::ArrayRef<TaintSet> ArgT, TFn T) {
    TaintSet Result;
    SourceLocation Loc = CE->getExprLoc();
    // Functions that replace their destination (strcpy, snprintf, assign) clean it of
    // what it held before; the others (strcat, append, push_back) add to it.
    llvm::StringRef Base = Name(Callee);
    bool Overwrites = Base == "strcpy" || Base == "strncpy" || Base == "stpcpy" ||
                      Base == "wcscpy" || Base == "wcsncpy" || Base == "sprintf" ||
                      Base == "snprintf" || Base == "vsprintf" || Base == "vsnprintf" ||
                      Base == "swprintf" || Base == "vswprintf" || Base == "assign";
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee))
      Overwrites |= MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator() ||
                    (MD->getOverloadedOperator() == OO_Equal);
    auto WriteArg = [&](int I, const TaintSet &V, const std::string &Verb) {
      const Expr *X = A.get(I);
      if (!X)
        return;
      bool Strong = Overwrites && (I == 0 || I == ThisObject);
      if (V.empty() && !Strong)
        return;
      if (auto P = placeOf(X)) {
        TaintSet W = V;
        if (!Strong && HoldsInstructions.count({P->first, nullptr}))
          for (Taint &T2 : W)
            T2.Flags |= Spliced;
        write(*P, W, Strong && isa<DeclRefExpr, MemberExpr>(ast::ignoreWrappers(X)), Loc,
              "'" + Display + "' " + Verb);
      }
    };
    if (M.Snk) {
      for (int I : M.Snk->Args)
        if (const Expr *X = A.get(I))
          sinkArg(CE, Callee, X, T(I), *M.Snk, I);
      if (M.Snk->VariadicIndex)
        for (unsigned I = *M.Snk->VariadicIndex; I < ArgT.size(); ++I)
          sinkArg(CE, Callee, A.List[I], ArgT[I], *M.Snk, I);
    }
    if (M.Filt) {
      TaintSet All = ObjT;
      for (const TaintSet &X : ArgT)
        addAll(All, X);
      uint32_t Mask = 0;
      for (const std::string &K : M.Filt->Kinds)
        Mask |= kindBit(K);
      if (M.Filt->Kinds.empty())
        Mask = ~0u;
      for (Taint &X : All)
        X.Cleaned |= Mask;
      All = withStep(All, Loc, "sanitized by '" + Display + "'");
      for (int I : M.Filt->Args) {
        if (I == ReturnValue) {
          addAll(Result, All);
        } else if (const Expr *X = A.get(I)) {
          if (auto P = placeOf(X))
            write(*P, All, /*Strong=*/true, Loc);
        }
      }
      return Result;
    }
    if (M.Src) {
      llvm::StringRef Kind = sourceKindOf(*M.Src, Callee, A.List, Ctx);
      TaintSet S = sourceTaint(CE, Kind, "'" + Display + "'", Loc, /*IsCall=*/true);
      for (int I : M.Src->Args) {
        if (I == ReturnValue)
          addAll(Result, S);
        else
          WriteArg(I, S, "writes it into '" + argName(A.get(I)) + "'");
      }
      if (M.Src->VariadicIndex)
        for (unsigned I = *M.Src->VariadicIndex; I < ArgT.size(); ++I)
          WriteArg(I, S, "writes it into '" + argName(A.get(I)) + "'");
    }
    if (M.Prop) {
      TaintSet Src;
      for (int I : M.Prop->SrcArgs)
        addAll(Src, T(I));
      if (M.Prop->VariadicType == Variadic::Src && M.Prop->VariadicIndex)
        for (unsigned I = *M.Prop->VariadicIndex; I < ArgT.size(); ++I)
          addAll(Src, ArgT[I]);
      if (!Src.empty() || Overwrites) {
        // Text around the value that reads like instructions: spliced into a prompt.
        for (const Expr *X : A.List)
          if (const StringLiteral *SL = ast::stringLiteralOf(X))
            if (SL->getCharByteWidth() == 1 && isInstructionText(SL->getString()))
              for (Taint &X2 : Src)
                X2.Flags |= Spliced;
        for (int I : M.Prop->DstArgs) {
          if (I == ReturnValue)
            addAll(Result, Src);
          else
            WriteArg(I, Src, "copies it into '" + argName(A.get(I)) + "'");
        }
        if (M.Prop->VariadicType == Variadic::Dst && M.Prop->VariadicIndex)
          for (unsigned I = *M.Prop->VariadicIndex; I < ArgT.size(); ++I)
            WriteArg(I, Src, "copies it into '" + argName(A.get(I)) + "'");
      }
    }
    if (M.any())
      return Result;
    // A library function the model does not name.
    QualType RT = Callee->getReturnType();
    bool CarriesResult = RT->isPointerType() || RT->isReferenceType() || RT->isRecordType() ||
                         ast::isStringLike(RT);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && A.Object) {
      if (!MD->isConst() && !ArgT.empty()) {
        TaintSet In;
        for (const TaintSet &X : ArgT)
          addAll(In, X);
        WriteArg(ThisObject, In, "takes it in");
      }
      if (CarriesResult)
        addAll(Result, ObjT);
      return Result;
    }
    if (CarriesResult)
      for (const TaintSet &X : ArgT)
        addAll(Result, X);
    return Result;
  }

  static llvm::StringRef Name(const FunctionDecl *F) {
    return F->getIdentifier() ? F->getName() : "";
  }

  std::string argName(const Expr *X) const {
    if (!X)
      return "";
    std::string N = ast::nameOfValue(X);
    return N.empty() ? "the buffer" : N;
  }

  void sinkArg(const Expr *CE, const FunctionDecl *Callee, const Expr *Arg, const TaintSet &T,
               const Sink &S, int I) {
    if (T.empty())
      return;
    // Only a response that says it is HTML can be XSS (set_content(body, "text/html")).
    if (S.Kind == "html" && Callee->getName() == "set_content") {
      if (const auto *C = dyn_cast<CallExpr>(CE); C && C->getNumArgs() >= 2)
        if (const StringLiteral *SL = ast::stringLiteralOf(C->getArg(C->getNumArgs() - 1)))
          if (!SL->getString().contains("html"))
            return;
    }
    uint8_t Flags = 0;
    if (S.Kind == "llm-prompt") {
      // llama_tokenize(vocab, text, len, tokens, n_max, add_special, parse_special) and
      // common_tokenize(ctx, text, add_special, parse_special).
      const auto *C = dyn_cast<CallExpr>(CE);
      llvm::StringRef N = Callee->getName();
      if (C && N == "llama_tokenize" && C->getNumArgs() >= 7 && boolValue(C->getArg(6), Ctx))
        Flags |= ParseSpecial;
      if (C && N == "common_tokenize" && C->getNumArgs() >= 4 && boolValue(C->getArg(3), Ctx))
        Flags |= ParseSpecial;
    }
    std::string What = I == ThisObject
                           ? "the object of '" + Callee->getNameAsString() + "'"
                           : "argument " + std::to_string(I + 1) + " of '" +
                                 Callee->getNameAsString() + "'";
    sink(Arg, T, S.Kind, What, S.Role, S.Remote, Flags);
  }

  /// Sinks that depend on the arguments' values, not on the function alone.
  void special(const CallExpr *CE, const FunctionDecl *Callee, llvm::StringRef Name,
               const Args &A, llvm::ArrayRef<TaintSet> ArgT) {
    if (Name == "curl_easy_setopt" && A.List.size() >= 3) {
      std::string Opt = ast::spelledConstantName(A.List[1], Ctx);
      auto H = placeOf(A.List[0]);
      if (Opt == "CURLOPT_URL") {
        if (H)
          if (auto URL = literalValue(A.List[2]))
            CurlURLs[*H] = *URL;
        sink(A.List[2], ArgT[2], "url", "the URL of a libcurl request (CURLOPT_URL)");
      } else if (Opt == "CURLOPT_POSTFIELDS" || Opt == "CURLOPT_COPYPOSTFIELDS") {
        if (!H)
          return;
        auto It = CurlURLs.find(*H);
        if (It == CurlURLs.end() || !isLLMEndpoint(It->second))
          return;
        sink(A.List[2], ArgT[2], "llm-prompt",
             "the body of a request to " + It->second + " (" + Opt + ")", "",
             isRemoteEndpoint(It->second));
      }
      return;
    }
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee)) {
      // httplib::Client::Post(path, [headers,] body, content_type) to an LLM endpoint.
      if (Name == "Post" && MD->getParent()->getName() == "Client" && A.Object &&
          A.List.size() >= 2) {
        std::string URL = literalValue(A.List[0]).value_or("");
        if (auto P = placeOf(A.Object))
          if (!P->second && P->first != ThisKey)
            if (auto It = ClientHosts.find(static_cast<const VarDecl *>(P->first));
                It != ClientHosts.end())
              URL = It->second + URL;
        if (!isLLMEndpoint(URL))
          return;
        unsigned Strings = 0;
        for (const Expr *X : A.List)
          Strings += ast::isStringLike(X->getType());
        for (unsigned I = 1; I < A.List.size(); ++I) {
          if (!ast::isStringLike(A.List[I]->getType()))
            continue;
          if (I + 1 == A.List.size() && Strings >= 3)
            break; // the content type
          sink(A.List[I], ArgT[I], "llm-prompt",
               "the body of a request to " + URL + " (httplib::Client::Post)", "",
               isRemoteEndpoint(URL));
        }
      }
      return;
    }
    // CGI: once a function writes "Content-Type: text/html", what it prints is HTML;
    // a "Header: %s\r\n" format puts its arguments into a response header.
    CGIPrintf P = cgiPrintf(Name, A.List);
    if (!P.Printf)
      return;
    for (unsigned I = P.FirstValue; I < A.List.size(); ++I) {
      if (Name == "fputs" && I != 0)
        break;
      if (P.Header)
        sink(A.List[I], ArgT[I], "header", "a CGI response header written by '" +
                                               Name.str() + "'");
      else if (SawTextHtml)
        sink(A.List[I], ArgT[I], "html",
             "an HTML response written by '" + Name.str() + "' after 'text/html'");
    }
    if (P.TextHtml)
      SawTextHtml = true;
  }

  TaintSet userCall(const CallExpr *CE, const FunctionDecl *Callee, const Args &A,
                    const TaintSet &ObjT, llvm::ArrayRef<TaintSet> ArgT) {
    // A helper named for masking (redact_pii, mask_secret, anonymize) returns what
    // may go into a prompt or a log.
    std::string Lower = Name(Callee).lower();
    for (llvm::StringRef W : {"redact", "mask", "anonymi", "scrub", "pseudonymi"})
      if (llvm::StringRef(Lower).contains(W)) {
        TaintSet R = ObjT;
        for (const TaintSet &X : ArgT)
          addAll(R, X);
        for (Taint &X : R)
          X.Cleaned |= kindBit("llm-prompt") | kindBit("log");
        return withStep(R, CE->getExprLoc(), "masked by '" + Name(Callee).str() + "'");
      }
    unsigned Site = callSite(CE, Callee);
    if (A.Object)
      emit(ObjT, {PortKind::CallArg, ThisObject, Site, ""}, SourceLocation(), "");
    for (unsigned I = 0; I < ArgT.size(); ++I)
      emit(ArgT[I], {PortKind::CallArg, int(I), Site, ""}, SourceLocation(), "");
    TaintSet Result;
    if (!Callee->getReturnType()->isVoidType() && Models.returnsText(Callee))
      Result.push_back({origin({PortKind::CallResult, ReturnValue, Site, ""}), 0, 0, nullptr});
    // Out-arguments and the object now hold what the callee left in them. The callee's
    // summary carries what it kept (its parameter reaches its out-parameter), so the
    // update is strong: an object passed to many calls holds one origin, not one per
    // call. The link passes an unknown callee's arguments through unchanged.
    auto OutArg = [&](const Expr *X, int I) {
      auto P = placeOf(X);
      if (!P)
        return;
      if (!P->second)
        for (unsigned Id : placesOf(P->first))
          if (Id < Cur->Places.size())
            Cur->Places[Id] = nullptr;
      put(*Cur, *P, {{origin({PortKind::CallResult, I, Site, ""}), 0, 0, nullptr}});
    };
    for (unsigned I = 0; I < A.List.size() && I < Callee->getNumParams(); ++I) {
      QualType PT = Callee->getParamDecl(I)->getType();
      bool Out = false;
      if (const auto *P = PT->getAs<PointerType>())
        Out = !P->getPointeeType().isConstQualified();
      else if (const auto *R = PT->getAs<LValueReferenceType>())
        Out = !R->getPointeeType().isConstQualified();
      if (Out)
        OutArg(A.List[I], int(I));
    }
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && A.Object && !MD->isConst())
      OutArg(A.Object, ThisObject);
    return Result;
  }

  unsigned callSite(const Expr *E, const FunctionDecl *Callee) {
    auto [It, New] = CallSites.try_emplace(E, Out.Calls.size());
    if (New) {
      std::string Name = Callee->getNameAsString();
      if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->getParent()->isLambda())
        Name = "lambda";
      Out.Calls.push_back({usr(Callee), Name, step(E->getExprLoc(), "")});
    }
    return It->second;
  }

  TaintSet construct(const CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    Args A;
    for (const Expr *X : CE->arguments())
      A.List.push_back(X);
    llvm::SmallVector<TaintSet, 6> ArgT;
    for (const Expr *X : A.List)
      ArgT.push_back(eval(X));
    TaintSet All;
    for (const TaintSet &X : ArgT)
      addAll(All, X);
    if (!Ctor)
      return All;
    const CXXRecordDecl *RD = Ctor->getParent();
    // crow::response(body) / (code, body): an HTML body.
    if (RD->getName() == "response" && modelName(RD) == "crow::response")
      for (unsigned I = 0; I < A.List.size(); ++I)
        if (ast::isStringLike(A.List[I]->getType()))
          sink(A.List[I], ArgT[I], "html", "the body of a crow::response");
    const ModelEntry &M = Models.lookup(Ctor);
    if (M.any() || inSystemHeader(Ctor)) {
      if (!M.any())
        return withRoles(All, CE); // a library type built from its arguments
      auto T = [&](int I) -> TaintSet {
        if (I >= 0 && unsigned(I) < ArgT.size())
          return ArgT[I];
        return {};
      };
      if (M.Snk)
        for (int I : M.Snk->Args)
          if (const Expr *X = A.get(I))
            sinkArg(CE, Ctor, X, T(I), *M.Snk, I);
      if (M.Prop || M.Filt)
        return M.Filt ? TaintSet() : withRoles(All, CE);
      return M.Snk ? All : TaintSet();
    }
    if (Ctor->isTrivial() || Ctor->isDefaulted())
      return All;
    unsigned Site = callSite(CE, Ctor);
    for (unsigned I = 0; I < ArgT.size(); ++I)
      emit(ArgT[I], {PortKind::CallArg, int(I), Site, ""}, SourceLocation(), "");
    return {{origin({PortKind::CallResult, ThisObject, Site, ""}), 0, 0, nullptr}};
  }

  // -- guards ---------------------------------------------------------------------

  /// A branch on a check of a value cleans it on both ways out: the code that uses it
  /// after `if (!is_valid(x)) return;` or `if (p.find("..") != npos)` was checked.
  /// (Path-insensitive: the check is trusted to guard what follows it.)
  void guard(const Expr *Cond) {
    ast::forEachSubStmt(Cond, [&](const Stmt &S) {
      const auto *C = dyn_cast<CallExpr>(&S);
      if (!C || !C->getDirectCallee() || !C->getDirectCallee()->getIdentifier())
        return;
      llvm::StringRef N = C->getDirectCallee()->getName();
      std::string Lower = N.lower();
      uint32_t Mask = 0;
      bool Literal = false, DotDot = false;
      for (const Expr *X : C->arguments())
        if (const StringLiteral *SL = ast::stringLiteralOf(X)) {
          Literal = true;
          DotDot |= SL->getCharByteWidth() == 1 && SL->getString().contains("..");
        }
      bool Validator = llvm::StringRef(Lower).contains("valid") ||
                       llvm::StringRef(Lower).contains("sanitiz") ||
                       llvm::StringRef(Lower).contains("allowed") ||
                       llvm::StringRef(Lower).contains("allowlist") ||
                       llvm::StringRef(Lower).contains("whitelist") ||
                       llvm::StringRef(Lower).starts_with("is_safe") ||
                       llvm::StringRef(Lower).starts_with("issafe") ||
                       N == "regex_match" || N == "find_first_not_of" || N == "strspn";
      bool Containment = DotDot || N == "starts_with" || N == "strncmp" ||
                         (N == "rfind" && C->getNumArgs() >= 2) || N == "compare" ||
                         Lower.find("within") != std::string::npos ||
                         Lower.find("contain") != std::string::npos;
      if (Validator)
        Mask = ~0u;
      else if (Containment && (Literal || N != "compare"))
        Mask = kindBit("path");
      if (!Mask)
        return;
      auto Clean = [&](const Expr *X) {
        auto P = placeOf(X);
        if (!P)
          return;
        for (unsigned Id : placesOf(P->first))
          if (const TaintSet *V = Cur->at(Id)) {
            TaintSet C = *V;
            for (Taint &T : C)
              T.Cleaned |= Mask;
            putId(*Cur, Id, std::move(C));
          }
      };
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
        Clean(MC->getImplicitObjectArgument());
      for (const Expr *X : C->arguments())
        Clean(X);
    });
  }
};

// ---------------------------------------------------------------------------------

/// The functions the analysis covers, in declaration order (the TU's own definitions,
/// template instances and lambda bodies; nothing in a system header: DESIGN.md, cost),
/// with what decides which of them a flow can pass through: the calls between them,
/// the kinds of the sources and sinks each holds (as the analysis will give them), and
/// whether it reads or writes a global that can carry taint. One walk over the TU.
class FunctionGraph : public RecursiveASTVisitor<FunctionGraph> {
public:
  struct Node {
    const FunctionDecl *FD;
    uint32_t SourceKinds = 0; ///< bits over sourceKinds()
    uint32_t InputKinds = 0;  ///< those of input it reads (not of values by their name)
    uint32_t SinkKinds = 0;   ///< kindBit()s
    bool Globals = false;     ///< reads or writes a global that can carry taint
    llvm::SmallVector<const FunctionDecl *, 8> Calls; ///< canonical declarations
  };

  FunctionGraph(ASTContext &Ctx, ModelIndex &Models)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Models(Models) {
    TraverseDecl(Ctx.getTranslationUnitDecl());
  }

  const std::vector<Node> &nodes() const { return Nodes; }

  /// Which functions a flow whose ends \p Asked pairs can pass through (onFlowPaths);
  /// all of them when it is unset.
  std::vector<bool> relevant(const KindPairs &Asked) const {
    if (!Asked)
      return std::vector<bool>(Nodes.size(), true);
    llvm::DenseMap<const FunctionDecl *, unsigned> Index;
    for (unsigned I = 0; I < Nodes.size(); ++I)
      Index.try_emplace(Nodes[I].FD->getCanonicalDecl(), I);
    std::vector<CallGraphNode> G(Nodes.size());
    for (unsigned I = 0; I < Nodes.size(); ++I) {
      G[I].SourceKinds = Nodes[I].SourceKinds;
      G[I].SinkKinds = Nodes[I].SinkKinds;
      G[I].Globals = Nodes[I].Globals;
      for (const FunctionDecl *C : Nodes[I].Calls)
        if (auto It = Index.find(C); It != Index.end())
          G[I].Callees.push_back(It->second);
    }
    return onFlowPaths(G, Asked);
  }

  /// Whether a function reads input (a modelled source call or field, main's argv;
  /// not a value named like a credential or personal data) of a kind that \p Asked
  /// pairs with some sink kind.
  bool readsAskedInput(const KindPairs &Asked) const {
    uint32_t Sources = 0;
    for (const Node &N : Nodes)
      Sources |= N.InputKinds;
    auto SrcKinds = sourceKinds();
    for (size_t I = 0; I < SrcKinds.size(); ++I)
      if (Sources >> I & 1)
        for (llvm::StringRef Sink : sinkKinds())
          if (Asked(SrcKinds[I], Sink))
            return true;
    return false;
  }

  /// The nodes as a scan joins them across TUs: functions by USR, and the user
  /// functions they call, defined here or not. \p USROf names a declaration.
  std::vector<FunctionNode>
  describe(llvm::function_ref<const std::string &(const FunctionDecl *)> USROf) const {
    std::vector<FunctionNode> Out;
    for (const Node &N : Nodes) {
      FunctionNode F;
      F.USR = USROf(N.FD);
      F.SourceKinds = N.SourceKinds;
      F.SinkKinds = N.SinkKinds;
      F.Globals = N.Globals;
      for (const FunctionDecl *C : N.Calls)
        if (!isLibraryDecl(C, SM))
          if (const std::string &U = USROf(C); !U.empty())
            F.Calls.push_back(U);
      llvm::sort(F.Calls);
      F.Calls.erase(std::unique(F.Calls.begin(), F.Calls.end()), F.Calls.end());
      Out.push_back(std::move(F));
    }
    return Out;
  }

  // -- the walk ---------------------------------------------------------------------

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D || (!isa<TranslationUnitDecl>(D) && isLibraryDecl(D, SM)))
      return true;
    // A declaration's code belongs to the function it is in (a global's initializer to
    // none, a local class's methods to themselves).
    int Saved = Cur;
    bool SavedSkip = SkipCode;
    bool R = RecursiveASTVisitor::TraverseDecl(D);
    Cur = Saved;
    SkipCode = SavedSkip;
    return R;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    // A template's pattern is not analysed (its instances are): nothing to look at.
    SkipCode = FD->isDependentContext();
    Cur = add(FD);
    if (Cur >= 0 && FD->isMain() && FD->getNumParams() >= 2)
      source("user-input", /*Input=*/true);
    return true;
  }

  /// Statements are walked here, not by the visitor: the walk is iterative (deep
  /// expressions) and cheap, and a lambda's body belongs to the lambda.
  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!SkipCode)
      walk(S);
    return true;
  }

private:
  ASTContext &Ctx;
  const SourceManager &SM;
  ModelIndex &Models;
  std::vector<Node> Nodes;
  llvm::DenseSet<const FunctionDecl *> Seen;
  int Cur = -1; ///< the node whose code is walked; -1: code no analysed function holds
  bool SkipCode = false;

  /// Lists \p FD as the analysis will visit it: its node, or -1.
  int add(const FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl() || !Seen.insert(FD).second)
      return -1;
    Nodes.push_back({FD});
    return int(Nodes.size() - 1);
  }

  void source(llvm::StringRef Kind, bool Input) {
    auto Kinds = sourceKinds();
    for (size_t I = 0; I < Kinds.size(); ++I)
      if (Kinds[I] == Kind) {
        Nodes[Cur].SourceKinds |= 1u << I;
        if (Input)
          Nodes[Cur].InputKinds |= 1u << I;
      }
  }
  void sink(llvm::StringRef Kind) { Nodes[Cur].SinkKinds |= kindBit(Kind); }

  void walk(const Stmt *Root) {
    llvm::SmallVector<const Stmt *, 32> Stack{Root};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
        lambda(LE);
        continue;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        // In order: a local class's methods are listed where the visitor meets them.
        for (const Decl *D : DS->decls()) {
          if (const auto *VD = dyn_cast<VarDecl>(D)) {
            if (const Expr *Init = VD->getInit())
              walk(Init);
          } else {
            TraverseDecl(const_cast<Decl *>(D));
          }
        }
        continue;
      }
      if (Cur >= 0)
        note(S);
      size_t At = Stack.size();
      for (const Stmt *C : S->children())
        Stack.push_back(C);
      std::reverse(Stack.begin() + At, Stack.end()); // first child first
    }
  }

  /// A lambda: its captures' initializers are the enclosing code's, its body its own.
  void lambda(const LambdaExpr *LE) {
    for (const Expr *Init : LE->capture_inits())
      if (Init)
        walk(Init);
    const CXXMethodDecl *Op = LE->getCallOperator();
    if (Cur >= 0)
      Nodes[Cur].Calls.push_back(Op->getCanonicalDecl()); // what it captures
    int Saved = Cur;
    Cur = add(Op);
    if (Cur >= 0)
      walk(Op->getBody());
    Cur = Saved;
  }

  /// What statement \p S of the current function adds: a call, a source, a sink, a
  /// global.
  void note(const Stmt *S) {
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee) {
        const FieldDecl *Field = nullptr;
        if (const Source *Src = Models.pointerCallSource(CE, Field))
          source(Src->Kind, /*Input=*/true);
        return;
      }
      Nodes[Cur].Calls.push_back(Callee->getCanonicalDecl());
      const ModelEntry &M = Models.lookup(Callee);
      if (M.Src || M.Snk) {
        Args A = argsOf(CE, Callee);
        if (M.Src)
          source(sourceKindOf(*M.Src, Callee, A.List, Ctx), /*Input=*/true);
        if (M.Snk)
          sink(M.Snk->Kind);
      }
      // The sinks FunctionAnalyzer::special finds by the arguments' values.
      if (const IdentifierInfo *II = Callee->getIdentifier()) {
        llvm::StringRef N = II->getName();
        if (N == "curl_easy_setopt") {
          sink("url");
          sink("llm-prompt");
        } else if (N == "Post" && isa<CXXMethodDecl>(Callee)) {
          sink("llm-prompt");
        } else if (CGIPrintf P = cgiPrintf(N, argsOf(CE, Callee).List); P.Printf) {
          if (P.Header)
            sink("header");
          if (P.TextHtml) // what the function prints after it is HTML
            sink("html");
        }
      }
      return;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (!Ctor)
        return;
      Nodes[Cur].Calls.push_back(Ctor->getCanonicalDecl());
      if (const Sink *Snk = Models.lookup(Ctor).Snk)
        sink(Snk->Kind);
      if (Ctor->getParent()->getName() == "response")
        sink("html"); // crow::response(body)
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
        if (const Source *Src = Models.fieldSource(F))
          source(Src->Kind, /*Input=*/true);
        if (llvm::StringRef K = Models.nameKind(F); !K.empty())
          source(K, /*Input=*/false);
        if (F->getName() == "body")
          sink("html"); // crow::response::body
      }
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        if (llvm::StringRef K = Models.nameKind(VD); !K.empty())
          source(K, /*Input=*/false);
        if (carriesTaintAsGlobal(VD))
          Nodes[Cur].Globals = true;
      }
    }
  }
};

} // namespace

bool taint::mayHaveFlows(ASTContext &Ctx, const AnalysisOptions &Opts) {
  ModelIndex Models(*Opts.Model, Opts.NameSources);
  FunctionGraph G(Ctx, Models);
  KindPairs Any = [](llvm::StringRef, llvm::StringRef) { return true; };
  return llvm::is_contained(G.relevant(Opts.OnlyIf ? Opts.OnlyIf : Any), true);
}

TranslationUnitTaint taint::analyzeTranslationUnit(ASTContext &Ctx,
                                                   const AnalysisOptions &Opts) {
  TranslationUnitTaint Out;
  ModelIndex Models(*Opts.Model, Opts.NameSources);
  FunctionGraph G(Ctx, Models);
  llvm::DenseMap<const Decl *, std::string> USRs;
  auto USROf = [&](const FunctionDecl *FD) -> const std::string & {
    auto [It, New] = USRs.try_emplace(FD->getCanonicalDecl());
    if (New) {
      llvm::SmallString<128> Buf;
      if (!index::generateUSRForDecl(FD, Buf))
        It->second = std::string(Buf);
    }
    return It->second;
  };
  std::vector<bool> Keep;
  if (Opts.OnlyFunctions) {
    for (const FunctionGraph::Node &N : G.nodes())
      Keep.push_back(Opts.OnlyFunctions->contains(USROf(N.FD)));
  } else if (Opts.AllWhenSources && Opts.OnlyIf && G.readsAskedInput(Opts.OnlyIf)) {
    Keep.assign(G.nodes().size(), true);
  } else {
    Keep = G.relevant(Opts.OnlyIf);
  }
  for (size_t I = 0; I < G.nodes().size(); ++I) {
    if (!Keep[I])
      continue;
    const FunctionDecl *FD = G.nodes()[I].FD;
    FunctionSummary S;
    S.USR = USROf(FD);
    if (S.USR.empty())
      continue;
    S.Name = FD->getQualifiedNameAsString();
    if (FunctionAnalyzer(FD, Ctx, Models, S).run())
      Out.Summaries.push_back(std::move(S));
  }
  if (Opts.DescribeFunctions)
    Out.Functions = G.describe(USROf);
  return Out;
}

std::vector<FunctionSummary> taint::summarizeTranslationUnit(ASTContext &Ctx,
                                                             const AnalysisOptions &Opts) {
  return analyzeTranslationUnit(Ctx, Opts).Summaries;
}
