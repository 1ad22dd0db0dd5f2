//===- NodeWalkTest.cpp - The checks' walk hands over what a MatchFinder would -===//
#include "NodeWalk.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include "llvm/Support/FormatVariadic.h"

using namespace clang;
using namespace clang::ast_matchers;
using vibeguard::tidy::NodeWalk;

namespace {

/// One line per node handed over: its kind, where it starts, and its address (the
/// same node, not only one at the same place).
using Trace = std::vector<std::string>;

template <class T> SourceLocation startOf(const T &N) {
  if constexpr (std::is_same_v<T, CXXCtorInitializer>)
    return N.getSourceLocation();
  else
    return N.getBeginLoc();
}

template <class T> std::string entry(llvm::StringRef Kind, const T &N, ASTContext &Ctx) {
  SourceLocation L = startOf(N);
  return llvm::formatv("{0} {1} {2}", Kind, L.printToString(Ctx.getSourceManager()),
                       static_cast<const void *>(&N))
      .str();
}

/// What a vibeguard check's matcher was: unless(isExpansionInSystemHeader()).
struct Recorder : MatchFinder::MatchCallback {
  Trace &Out;
  explicit Recorder(Trace &Out) : Out(Out) {}
  template <class T> void record(llvm::StringRef Kind, const T &N, ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation E = SM.getExpansionLoc(startOf(N));
    if (!E.isValid() || !SM.isInSystemHeader(E))
      Out.push_back(entry(Kind, N, Ctx));
  }
  void run(const MatchFinder::MatchResult &R) override {
#define SEEN(Type)                                                                         \
  if (const auto *N = R.Nodes.getNodeAs<Type>(#Type))                                      \
    return record(#Type, *N, *R.Context);
    SEEN(CallExpr) SEEN(CXXConstructExpr) SEEN(StringLiteral) SEEN(BinaryOperator)
    SEEN(InitListExpr) SEEN(ForStmt) SEEN(WhileStmt) SEEN(DoStmt) SEEN(CXXForRangeStmt)
    SEEN(VarDecl) SEEN(FieldDecl) SEEN(FunctionDecl) SEEN(TranslationUnitDecl)
    SEEN(CXXCtorInitializer)
#undef SEEN
  }
};

/// The nodes of the kinds the checks ask for, as a MatchFinder hands them to plain node
/// matchers, and as the NodeWalk does.
std::pair<Trace, Trace> bothWalks(const std::string &Code, std::vector<std::string> Args,
                                  const std::string &File) {
  Args.push_back("-Wno-everything");
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(Code, Args, File);
  EXPECT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  Trace ByFinder, ByWalk;

  Recorder R(ByFinder);
  MatchFinder Finder;
  Finder.addMatcher(callExpr().bind("CallExpr"), &R);
  Finder.addMatcher(cxxConstructExpr().bind("CXXConstructExpr"), &R);
  Finder.addMatcher(stringLiteral().bind("StringLiteral"), &R);
  Finder.addMatcher(binaryOperator().bind("BinaryOperator"), &R);
  Finder.addMatcher(initListExpr().bind("InitListExpr"), &R);
  Finder.addMatcher(forStmt().bind("ForStmt"), &R);
  Finder.addMatcher(whileStmt().bind("WhileStmt"), &R);
  Finder.addMatcher(doStmt().bind("DoStmt"), &R);
  Finder.addMatcher(cxxForRangeStmt().bind("CXXForRangeStmt"), &R);
  Finder.addMatcher(varDecl().bind("VarDecl"), &R);
  Finder.addMatcher(fieldDecl().bind("FieldDecl"), &R);
  Finder.addMatcher(functionDecl().bind("FunctionDecl"), &R);
  Finder.addMatcher(translationUnitDecl().bind("TranslationUnitDecl"), &R);
  Finder.addMatcher(cxxCtorInitializer().bind("CXXCtorInitializer"), &R);
  Finder.matchAST(Ctx);

  NodeWalk W;
#define RECORD(Type)                                                                       \
  W.add<Type>([&](const Type &N, ASTContext &C) { ByWalk.push_back(entry(#Type, N, C)); });
  RECORD(CallExpr) RECORD(CXXConstructExpr) RECORD(StringLiteral) RECORD(BinaryOperator)
  RECORD(InitListExpr) RECORD(ForStmt) RECORD(WhileStmt) RECORD(DoStmt)
  RECORD(CXXForRangeStmt) RECORD(VarDecl) RECORD(FieldDecl) RECORD(FunctionDecl)
  RECORD(TranslationUnitDecl) RECORD(CXXCtorInitializer)
#undef RECORD
  W.walk(Ctx);
  return {ByFinder, ByWalk};
}

size_t countOf(const Trace &T, llvm::StringRef Kind) {
  return llvm::count_if(T, [&](const std::string &E) {
    return llvm::StringRef(E).starts_with((Kind + " ").str());
  });
}

TEST(NodeWalk, TheFinderNodesInTheFinderOrderCxx) {
  auto [ByFinder, ByWalk] = bothWalks(R"cpp(
#include <compare>
struct Key { const char *name; int n; };
struct Point {
  int x = 1, y;
  const char *label = "origin";
  Point() : y(2) {}
  Point(int a, int b) : x(a), y(b + 1) {}
  bool operator==(const Point &) const = default;
  auto operator<=>(const Point &) const = default;
};
template <class T> T twice(T v) { return v + v; }
template <class T> struct Box { T value; T get() const { return twice(value); } };
int use(const char *s, int n = sizeof("default")) { return s[0] + n; }
[[deprecated("old")]] void old() {}
static_assert(sizeof(int) >= 2, "int is too small");
int main(int argc, char **argv) {
  Key keys[] = {{"a", 1}, {"b", 2}};
  int total = 0;
  for (const Key &k : keys) total += use(k.name);
  for (int i = 0; i < argc; ++i) total += use(argv[i], i);
  while (total > 100) total /= 2;
  do { total -= 1; } while (total > 50);
  Box<int> b{3};
  Box<double> d{2.5};
  auto add = [&total, extra = use("init")](int v) { total += v + extra; return use("body"); };
  auto pure = [](int v) noexcept(noexcept(use("except"))) { return v; };
  total += pure(use(nullptr) > 0 ? 1 : 0);
  add(b.get());
  Point p, q(1, 2);
  bool same = p == q, less = p < q, other = p != q;
  int vla_like[sizeof(decltype(use("decl")))] = {};
  return total + (int)d.get() + same + less + other + vla_like[0];
}
)cpp",
                                      {"-std=c++20"}, "input.cpp");
  EXPECT_EQ(ByWalk, ByFinder);
  // The test covers what it claims: every kind occurs.
  for (llvm::StringRef Kind :
       {"CallExpr", "CXXConstructExpr", "StringLiteral", "BinaryOperator", "InitListExpr",
        "ForStmt", "WhileStmt", "DoStmt", "CXXForRangeStmt", "VarDecl", "FieldDecl",
        "FunctionDecl", "TranslationUnitDecl", "CXXCtorInitializer"})
    EXPECT_GT(countOf(ByFinder, Kind), 0u) << Kind.str();
}

TEST(NodeWalk, TheFinderNodesInTheFinderOrderC) {
  auto [ByFinder, ByWalk] = bothWalks(R"c(
struct cfg { const char *user; const char *pass; int port; };
static const char *names[] = { [2] = "two", [0] = "zero" };
int run(int n, const char *s) {
  struct cfg c = { .user = "admin", .port = 22 };
  int buf[n];
  const char *p = (const char *)&(struct cfg){ "x", "y", 1 };
  for (int i = 0; i < n; i++) buf[i] = s[i] ^ 0x5a;
  while (n--) if (names[n & 1]) break;
  return c.port + buf[0] + p[0] + __builtin_strlen("builtin");
}
)c",
                                      {"-std=gnu11"}, "input.c");
  EXPECT_EQ(ByWalk, ByFinder);
  EXPECT_GT(countOf(ByFinder, "InitListExpr"), 2u);
  EXPECT_GT(countOf(ByFinder, "StringLiteral"), 4u);
}

TEST(NodeWalk, OnlyTheTraversalScope) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "void a() { a(); }\nvoid b() { b(); }\n", {"-Wno-everything"}, "input.c");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  std::vector<Decl *> OnlyB;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->getName() == "b")
      OnlyB.push_back(D);
  ASSERT_EQ(OnlyB.size(), 1u);
  Ctx.setTraversalScope(OnlyB);
  std::vector<std::string> Calls;
  NodeWalk W;
  W.add<CallExpr>([&](const CallExpr &C, ASTContext &) {
    Calls.push_back(C.getDirectCallee()->getName().str());
  });
  W.walk(Ctx);
  EXPECT_EQ(Calls, std::vector<std::string>{"b"});
}

} // namespace
