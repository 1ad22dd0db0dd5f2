//===- TaintEngineTest.cpp - The taint engine on small programs -------------===//
#include "vibeguard/Analysis/TaintAnalysis.h"
#include "vibeguard/Analysis/TaintSummary.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include "llvm/Support/FormatVariadic.h"

using namespace vibeguard::taint;

namespace {

/// Declarations the programs below use: a source, a sink, a sanitizer (all C).
const char *Prelude = R"cpp(
extern "C" {
char *getenv(const char *);
int system(const char *);
int atoi(const char *);
char *strcpy(char *, const char *);
char *strcat(char *, const char *);
}
)cpp";

std::string errorText(llvm::Error E) { return E ? llvm::toString(std::move(E)) : ""; }

std::string textOf(llvm::json::Object O) {
  return llvm::formatv("{0}", llvm::json::Value(std::move(O))).str();
}

std::vector<Flow> flowsOf(const std::string &Code) {
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code, {"-std=c++17", "-Wno-everything"}, "input.cpp");
  EXPECT_TRUE(AST);
  AnalysisOptions Opts;
  Opts.Model = &TaintModel::builtin();
  return link(summarizeTranslationUnit(AST->getASTContext(), Opts));
}

TEST(TaintEngine, SourceToSinkInOneFunction) {
  auto Flows = flowsOf(R"cpp(
void f() { const char *h = getenv("X"); system(h); })cpp");
  ASSERT_EQ(Flows.size(), 1u);
  EXPECT_EQ(Flows[0].Source.Kind, "environment");
  EXPECT_EQ(Flows[0].Sink.Kind, "command");
  ASSERT_GE(Flows[0].Steps.size(), 2u);
  EXPECT_NE(Flows[0].Steps.front().Message.find("source: 'getenv'"), std::string::npos);
  EXPECT_NE(Flows[0].Steps.back().Message.find("sink:"), std::string::npos);
}

TEST(TaintEngine, TwoCallsAwayAndBack) {
  auto Flows = flowsOf(R"cpp(
static const char *pass(const char *s) { return s; }
static void run(const char *c) { system(c); }
static void relay(const char *c) { run(pass(c)); }
void f() { relay(getenv("X")); })cpp");
  ASSERT_EQ(Flows.size(), 1u);
  bool SawRelay = false;
  for (const Step &S : Flows[0].Steps)
    SawRelay |= S.Message == "passed to 'relay'";
  EXPECT_TRUE(SawRelay);
}

TEST(TaintEngine, CallReturnMatching) {
  // id() is called with tainted and with clean data; only the first result is tainted.
  auto Flows = flowsOf(R"cpp(
static const char *id(const char *s) { return s; }
void f() {
  const char *a = id(getenv("X"));
  const char *b = id("ls");
  system(b);
})cpp");
  EXPECT_TRUE(Flows.empty());
}

TEST(TaintEngine, StrongUpdateAndFilter) {
  auto Flows = flowsOf(R"cpp(
void f() {
  const char *h = getenv("X");
  h = "constant";
  system(h);
  char buf[16];
  strcpy(buf, getenv("Y"));
  strcpy(buf, "safe");
  system(buf);
  int n = atoi(getenv("Z"));
  system((const char *)(long)n);
})cpp");
  EXPECT_TRUE(Flows.empty());
}

TEST(TaintEngine, LoopsReachAFixpoint) {
  auto Flows = flowsOf(R"cpp(
void f(int n) {
  char buf[64] = "";
  const char *p = "x";
  for (int i = 0; i < n; ++i) {
    system(buf);
    p = getenv("X");
    strcat(buf, p);
  }
})cpp");
  ASSERT_EQ(Flows.size(), 1u); // the second iteration's system(buf)
  EXPECT_EQ(Flows[0].Sink.Kind, "command");
}

TEST(TaintEngine, FieldSensitive) {
  auto Flows = flowsOf(R"cpp(
struct S { const char *a; const char *b; };
void f() {
  S s;
  s.a = getenv("X");
  s.b = "ls";
  system(s.b);
  system(s.a);
})cpp");
  ASSERT_EQ(Flows.size(), 1u);
  EXPECT_EQ(Flows[0].Sink.Where.Line, 8u + 8u); // the prelude is 8 lines: system(s.a)
}

TEST(TaintEngine, SummaryJSONRoundTrip) {
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + "static void run(const char *c) { system(c); }\n"
                             "void f() { run(getenv(\"X\")); }",
      {"-std=c++17"}, "input.cpp");
  AnalysisOptions Opts;
  Opts.Model = &TaintModel::builtin();
  std::vector<FunctionSummary> Sums = summarizeTranslationUnit(AST->getASTContext(), Opts);
  // Through text, as a worker writes it and scan reads it back.
  std::vector<FunctionSummary> Back;
  EXPECT_EQ(errorText(summariesFromText(textOf(toJSON(Sums)), "test", Back)), "");
  ASSERT_EQ(Back.size(), Sums.size());
  EXPECT_EQ(Back[0].Calls.size(), Sums[0].Calls.size());
  // Linked after the round trip (as `vibeguard scan` links cached summaries).
  EXPECT_EQ(link(Back).size(), 1u);
  std::vector<FunctionSummary> Bad;
  EXPECT_EQ(errorText(summariesFromText(
                textOf(llvm::json::Object{{"files", llvm::json::Array{}},
                                          {"summaries", llvm::json::Array{llvm::json::Object{
                                                            {"usr", "x"}, {"name", "x"}}}}}),
                "cache.json", Bad)),
            "cache.json: malformed taint summary: 'sources' is missing or not an array");
  // A hostile file: attributes beside the summaries nested 200000 deep are refused,
  // not converted recursively.
  std::string Deep = "{\"files\": [], \"summaries\": [], \"rules\": " +
                     std::string(200000, '[') + std::string(200000, ']') + "}";
  llvm::json::Object Rest;
  EXPECT_EQ(errorText(summariesFromText(Deep, "cache.json", Bad, &Rest)),
            "cache.json: malformed taint summary: 'rules' nests too deep");
  // A step must name a listed file (a damaged cache file must not crash the link).
  llvm::json::Object Damaged = toJSON(Sums);
  Damaged["files"] = llvm::json::Array{};
  EXPECT_EQ(errorText(summariesFromText(textOf(std::move(Damaged)), "cache.json", Bad)),
            "cache.json: malformed taint summary: a step names a file that is not listed");
}

} // namespace

TEST(TaintEngine, OutArgumentsThroughCalls) {
  // An object passed to many calls: what it held survives calls that only read or
  // keep it (log, external) and calls that add to it (append); a call that
  // overwrites it (reset) cleans it; an external function (declared only) keeps it.
  auto Flows = flowsOf(R"cpp(
struct Ctx { char cmd[64]; };
static void log_it(Ctx *c) { (void)c; }
static void append(Ctx *c, const char *s) { strcat(c->cmd, s); }
static void reset(char *cmd) { strcpy(cmd, "true"); }
void external(Ctx *c);
void tainted() {
  Ctx c;
  strcpy(c.cmd, getenv("A"));
  log_it(&c);
  external(&c);
  log_it(&c);
  system(c.cmd);
}
void added() {
  Ctx c;
  strcpy(c.cmd, "ls ");
  log_it(&c);
  append(&c, getenv("B"));
  log_it(&c);
  system(c.cmd);
}
void cleaned() {
  Ctx c;
  strcpy(c.cmd, getenv("C"));
  reset(c.cmd);
  system(c.cmd);
})cpp");
  std::vector<std::string> Sources;
  for (const Flow &F : Flows)
    Sources.push_back(F.Source.What + "@" + std::to_string(F.Sink.Where.Line));
  ASSERT_EQ(Flows.size(), 2u) << ::testing::PrintToString(Sources);
  EXPECT_EQ(Flows[0].Sink.Where.Line, 21u); // tainted(): system(c.cmd)
  EXPECT_EQ(Flows[1].Sink.Where.Line, 29u); // added(): system(c.cmd)
  // Calls that only kept the value add no step to the trace.
  for (const Step &S : Flows[0].Steps)
    EXPECT_NE(S.Message, "passed to 'log_it'");
}

TEST(TaintEngine, ManyValuesMeetInALoop) {
  // A context passed to the calls of every case of a switch in a loop: where the
  // cases meet, the context holds one join origin, not one per call. The flow from
  // the one case that taints it to the sink after the loop is still found, with its
  // trace; a second context that no case taints stays clean.
  std::string Helpers, Cases;
  for (int I = 0; I < 12; ++I) {
    Helpers += "static void op" + std::to_string(I) + "(Ctx *c) { (void)c; }\n";
    Cases += "    case " + std::to_string(I) + ": op" + std::to_string(I) +
             "(&c); op" + std::to_string(I) + "(&d); break;\n";
  }
  std::string Code = "struct Ctx { char cmd[64]; };\n" + Helpers +
                     "static void load(Ctx *c) { strcpy(c->cmd, getenv(\"A\")); }\n"
                     "void run(int n) {\n"
                     "  Ctx c, d;\n"
                     "  strcpy(d.cmd, \"true\");\n"
                     "  for (int i = 0; i < n; ++i) {\n"
                     "    switch (i % 13) {\n" +
                     Cases +
                     "    case 12: load(&c); op0(&d); break;\n"
                     "    }\n"
                     "  }\n"
                     "  system(c.cmd);\n"
                     "  system(d.cmd);\n"
                     "}\n";
  auto Flows = flowsOf(Code);
  std::string Full = std::string(Prelude) + Code;
  auto LineOf = [&](llvm::StringRef Text) {
    return unsigned(llvm::StringRef(Full).take_front(Full.find(Text.str())).count('\n') + 1);
  };
  ASSERT_EQ(Flows.size(), 1u);
  EXPECT_EQ(Flows[0].Source.What, "'getenv'");
  EXPECT_EQ(Flows[0].Sink.Where.Line, LineOf("system(c.cmd)"));
  ASSERT_FALSE(Flows[0].Steps.empty());
  EXPECT_EQ(Flows[0].Steps.front().Line, LineOf("static void load"));
}

TEST(TaintEngine, JoinPortsRoundTrip) {
  // The summary of a function where many values meet keeps its join ports in JSON.
  std::string Code = "struct Ctx { char cmd[64]; };\n";
  for (int I = 0; I < 10; ++I)
    Code += "void op" + std::to_string(I) + "(Ctx *c);\n";
  Code += "void run(int n) {\n  Ctx c;\n  for (int i = 0; i < n; ++i)\n    switch (i) {\n";
  for (int I = 0; I < 10; ++I)
    Code += "    case " + std::to_string(I) + ": op" + std::to_string(I) + "(&c); break;\n";
  Code += "    }\n  system(c.cmd);\n}\n";
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code, {"-std=c++17", "-Wno-everything"}, "input.cpp");
  ASSERT_TRUE(AST);
  AnalysisOptions Opts;
  Opts.Model = &TaintModel::builtin();
  std::vector<FunctionSummary> Sums = summarizeTranslationUnit(AST->getASTContext(), Opts);
  const FunctionSummary *Run = nullptr;
  for (const FunctionSummary &S : Sums)
    if (S.Name == "run")
      Run = &S;
  ASSERT_TRUE(Run);
  unsigned Joins = 0;
  for (const Edge &E : Run->Edges)
    Joins += E.To.Kind == PortKind::Join;
  EXPECT_GT(Joins, 0u);
  // Without join ports the sink would have an edge from each of the ten calls' results.
  unsigned IntoSink = 0;
  for (const Edge &E : Run->Edges)
    IntoSink += E.To.Kind == PortKind::Sink;
  EXPECT_LT(IntoSink, 10u);
  std::vector<FunctionSummary> Back;
  EXPECT_EQ(errorText(summariesFromText(textOf(toJSON(llvm::ArrayRef(*Run))), "test", Back)),
            "");
  ASSERT_EQ(Back.size(), 1u);
  ASSERT_EQ(Back[0].Edges.size(), Run->Edges.size());
  for (size_t I = 0; I < Run->Edges.size(); ++I) {
    EXPECT_EQ(Back[0].Edges[I].From, Run->Edges[I].From);
    EXPECT_EQ(Back[0].Edges[I].To, Run->Edges[I].To);
  }
}

TEST(TaintEngine, NumbersAProgramComputesAreNotText) {
  // What a program's own function returns as a number is a count or a setting; a
  // character it returns is still text.
  auto Flows = flowsOf(R"cpp(
static int layers(const char *s) { return s[0] * 2; }
static char first(const char *s) { return s[0]; }
void numbers() {
  char cmd[64];
  cmd[0] = (char)layers(getenv("A"));
  system(cmd);
}
void characters() {
  char cmd[64];
  cmd[0] = first(getenv("B"));
  system(cmd);
}
static int next_char(const char *s) { return s[0]; }
void reader() {
  char cmd[64];
  cmd[0] = (char)next_char(getenv("C"));
  system(cmd);
})cpp");
  ASSERT_EQ(Flows.size(), 2u);
  EXPECT_EQ(Flows[0].Sink.Where.Line, 20u); // characters(): system(cmd)
  EXPECT_EQ(Flows[1].Sink.Where.Line, 26u); // reader(): an int that is a character
}

TEST(TaintEngine, MayHaveFlows) {
  // Alone, a TU without both ends of a flow some rule asks about skips its summaries.
  auto Has = [](const std::string &Code,
                std::function<bool(llvm::StringRef, llvm::StringRef)> OnlyIf = nullptr) {
    std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
        std::string(Prelude) + Code, {"-std=c++17", "-Wno-everything"}, "input.cpp");
    EXPECT_TRUE(AST);
    AnalysisOptions Opts;
    Opts.Model = &TaintModel::builtin();
    Opts.OnlyIf = std::move(OnlyIf);
    return mayHaveFlows(AST->getASTContext(), Opts);
  };
  EXPECT_FALSE(Has("void run(const char *c) { system(c); }"));
  EXPECT_FALSE(Has("const char *name() { return getenv(\"X\"); }")); // no sink
  EXPECT_TRUE(Has("void run() { system(getenv(\"X\")); }"));
  // The ends may sit in different functions, and in any order.
  EXPECT_TRUE(Has("void run(const char *c) { system(c); } void go() { run(getenv(\"X\")); }"));
  EXPECT_TRUE(Has("int main(int argc, char **argv) { return system(argv[1]); }"));
  EXPECT_TRUE(Has("auto f = [] { return system(getenv(\"X\")); };"));
  EXPECT_TRUE(Has("template <class T> void f(T) { system(getenv(\"X\")); } void g() { f(1); }"));
  // Sinks found by their arguments: a CGI page written with printf.
  EXPECT_TRUE(Has("extern \"C\" int printf(const char *, ...);\n"
                  "void page() { printf(\"%s\", getenv(\"QUERY_STRING\")); }"));

  // Only the pairs asked about: a password and a command sink are no question of the
  // injection rules (they take user input), but environment data reaching one is.
  auto Injection = [](llvm::StringRef Src, llvm::StringRef Snk) {
    return Snk == "command" && (Src == "user-input" || Src == "environment");
  };
  EXPECT_FALSE(Has("void f(const char *password) { system(password); }", Injection));
  EXPECT_TRUE(Has("void f(const char *password) { system(password); }"));
  EXPECT_TRUE(Has("void run() { system(getenv(\"X\")); }", Injection));
  EXPECT_FALSE(Has("struct FILE; extern \"C\" FILE *fopen(const char *, const char *);\n"
                   "void run() { fopen(getenv(\"X\"), \"r\"); }",
                   Injection));
}

TEST(TaintEngine, OnlyTheFunctionsAFlowCanPassThrough) {
  // Alone, a TU summarizes only what lies below a function that calls, directly or
  // not, both ends of a flow (or a global between them), and finds the same flows.
  const std::string Code = R"cpp(
char *g_cmd;
static const char *input() { return getenv("QUERY_STRING"); }
static const char *pass(const char *s) { return s; }
static void run(const char *c) { system(pass(c)); }
static int unrelated(const char *s) { return atoi(s) + atoi("1"); }
static void alone(const char *c) { system(c); }  // a sink no source reaches
void handler() { run(input()); }
int other() { return unrelated("2"); }
void store() { g_cmd = (char *)input(); }         // a global on the way ...
void later() { system(g_cmd); }                    // ... to a sink elsewhere
struct Job { const char *cmd; void take() { cmd = getenv("QUERY_STRING"); }
             void go() { system(cmd); } };
void both() { Job j; j.take(); j.go(); }           // the object carries it
void lambda() { auto f = [] { system(getenv("QUERY_STRING")); }; f(); }
)cpp";
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code, {"-std=c++17", "-Wno-everything"}, "input.cpp");
  ASSERT_TRUE(AST);
  AnalysisOptions All;
  All.Model = &TaintModel::builtin();
  std::vector<FunctionSummary> Full = summarizeTranslationUnit(AST->getASTContext(), All);
  AnalysisOptions Asked = All;
  Asked.OnlyIf = [](llvm::StringRef Src, llvm::StringRef Snk) {
    return Src == "user-input" && Snk == "command";
  };
  std::vector<FunctionSummary> Pruned = summarizeTranslationUnit(AST->getASTContext(), Asked);
  std::vector<std::string> Names;
  for (const FunctionSummary &S : Pruned)
    Names.push_back(S.Name);
  auto Has = [&](llvm::StringRef N) { return llvm::is_contained(Names, N); };
  EXPECT_FALSE(Has("unrelated"));
  EXPECT_FALSE(Has("other"));
  EXPECT_FALSE(Has("alone"));
  for (llvm::StringRef N : {"input", "pass", "run", "handler", "store", "later", "Job::take",
                            "Job::go", "both"})
    EXPECT_TRUE(Has(N)) << N.str();
  EXPECT_LT(Pruned.size(), Full.size());

  auto Describe = [](const std::vector<Flow> &Flows) {
    std::vector<std::string> Out;
    for (const Flow &F : Flows)
      Out.push_back(llvm::formatv("{0}:{1} -> {2}:{3} ({4} steps)", F.Source.Where.Line,
                                  F.Source.Kind, F.Sink.Where.Line, F.Sink.Kind,
                                  F.Steps.size())
                        .str());
    return Out;
  };
  std::vector<std::string> FromFull = Describe(link(Full));
  EXPECT_EQ(Describe(link(Pruned)), FromFull);
  // handler, the global, the object, the lambda (and alone's sink has no source).
  EXPECT_EQ(FromFull.size(), 4u);

  // Nothing is asked about: nothing is summarized.
  AnalysisOptions None = All;
  None.OnlyIf = [](llvm::StringRef, llvm::StringRef) { return false; };
  EXPECT_TRUE(summarizeTranslationUnit(AST->getASTContext(), None).empty());
}

TEST(TaintEngine, OnFlowPathsOverACallGraph) {
  // Kinds as bits: user-input is the first source kind; command a sink kind.
  auto Bit = [](llvm::StringRef K) {
    auto Kinds = sourceKinds();
    return 1u << unsigned(std::find(Kinds.begin(), Kinds.end(), K) - Kinds.begin());
  };
  auto Asked = [](llvm::StringRef Src, llvm::StringRef Snk) {
    return Src == "user-input" && Snk == "command";
  };
  // 0 main -> 1 read (source), 2 run -> 3 exec (sink); 2 -> 4 log (a helper); 5 alone
  // calls 3; 6 is called by nobody and calls nothing.
  std::vector<CallGraphNode> G(7);
  G[0].Callees = {1, 2};
  G[1].SourceKinds = Bit("user-input");
  G[2].Callees = {3, 4};
  G[3].SinkKinds = kindBit("command");
  G[5].Callees = {3};
  std::vector<bool> On = onFlowPaths(G, Asked);
  EXPECT_EQ(On, (std::vector<bool>{true, true, true, true, true, false, false}));
  // A source kind no rule pairs with the sink: nothing.
  G[1].SourceKinds = Bit("file");
  EXPECT_EQ(onFlowPaths(G, Asked), std::vector<bool>(7, false));
  // Through globals: 1 writes one, nothing calls both ends, 5 reads one and sinks.
  G[1].SourceKinds = Bit("user-input");
  G[0].Callees = {1};
  G[1].Globals = true;
  G[5].Globals = true;
  On = onFlowPaths(G, Asked);
  EXPECT_TRUE(On[0] && On[1] && On[5] && On[3]);
  EXPECT_FALSE(On[2] || On[4] || On[6]); // run and log: below no meeting point
  // Globals with no source to fill them: nothing.
  G[1].SourceKinds = 0;
  EXPECT_EQ(onFlowPaths(G, Asked), std::vector<bool>(7, false));
}
