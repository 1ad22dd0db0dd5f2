//===- TaintModelTest.cpp - Reading taint models ---------------------------===//
#include "vibeguard/Analysis/TaintModel.h"
#include "gtest/gtest.h"

using namespace vibeguard::taint;

namespace {
std::string errorOf(llvm::StringRef Text) {
  auto M = TaintModel::parse(Text, "model.yaml");
  if (M)
    return "";
  return llvm::toString(M.takeError());
}
} // namespace

TEST(TaintModel, BuiltinLoadsAndFindsRealAPIs) {
  const TaintModel &M = TaintModel::builtin();
  const Sink *S = M.findSink("system");
  ASSERT_TRUE(S);
  EXPECT_EQ(S->Kind, "command");
  EXPECT_EQ(S->Args, std::vector<int>{0});
  ASSERT_TRUE(M.findSink("sqlite3_prepare_v2"));
  EXPECT_EQ(M.findSink("sqlite3_prepare_v2")->Args, std::vector<int>{1});
  ASSERT_TRUE(M.findSink("llama_tokenize"));
  EXPECT_EQ(M.findSink("llama_tokenize")->Kind, "llm-prompt");
  ASSERT_TRUE(M.findSource("getenv"));
  EXPECT_EQ(M.findSource("getenv")->Kind, "environment");
  EXPECT_EQ(M.findSource("llama_token_to_piece")->Args, std::vector<int>{2});
  // Scoped entries need their scope: std::getline reads input, a user's getline does not
  // match std::'s entry (it matches the POSIX getline only when unscoped).
  EXPECT_EQ(M.findSource("std::getline")->Args, std::vector<int>{1});
  EXPECT_EQ(M.findSource("getline")->Args, std::vector<int>{0});
  EXPECT_FALSE(M.findSink("mylib::Client"));
  ASSERT_TRUE(M.findSink("httplib::Client::Client"));
  const Filter *F = M.findFilter("std::stoi");
  ASSERT_TRUE(F);
  EXPECT_TRUE(llvm::is_contained(F->Kinds, "sql"));
  EXPECT_FALSE(llvm::is_contained(F->Kinds, "llm-prompt"));
  const Propagation *P = M.findPropagation("snprintf");
  ASSERT_TRUE(P);
  EXPECT_EQ(P->VariadicType, Variadic::Src);
  EXPECT_EQ(P->VariadicIndex, 3u);
}

TEST(TaintModel, ReadsTheStaticAnalyzerFormatUnchanged) {
  // The example of clang's docs/analyzer/user-docs/TaintAnalysisConfiguration.
  auto M = TaintModel::parse(R"(
Filters:
  - Name: mySanitizeFunction
    Args: [0]
  - Name: mySanitizeFunction2
    Scope: "myAnotherNamespace::"
    Args: [0]
Propagations:
  - Name: mySource1
    DstArgs:  [-1]
  - Name: myScanf
    VariadicType: Dst
    VariadicIndex: 1
  - Name: myPropagator
    SrcArgs: [0]
    DstArgs: [1, 2]
Sinks:
  - Name: mySink
    Args: [0, 1]
)",
                             "csa.yaml");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  EXPECT_EQ(M->Sinks.size(), 1u);
  EXPECT_EQ(M->Sinks[0].Kind, "generic");
  EXPECT_EQ(M->Propagations.size(), 3u);
  EXPECT_TRUE(M->findFilter("myAnotherNamespace::mySanitizeFunction2"));
  EXPECT_FALSE(M->findFilter("other::mySanitizeFunction2"));
}

TEST(TaintModel, ScopesMatchAsTheStaticAnalyzerDoes) {
  FunctionRef R{"f", "ns::"};
  EXPECT_TRUE(R.matches("ns::f"));
  EXPECT_TRUE(R.matches("outer::ns::f"));
  EXPECT_TRUE(R.matches("ns::inner::f"));
  EXPECT_FALSE(R.matches("other::f"));
  EXPECT_FALSE(R.matches("f"));
  EXPECT_FALSE(R.matches("ns::g"));
  EXPECT_TRUE((FunctionRef{"f", "ns"}).matches("ns::f")); // CSA accepts no trailing ::
  EXPECT_TRUE((FunctionRef{"append", "std::basic_string::"})
                  .matches("std::__cxx11::basic_string::append"));
  EXPECT_TRUE((FunctionRef{"f", ""}).matches("any::where::f"));
}

TEST(TaintModel, UserModelExtendsAndOverridesTheDefault) {
  TaintModel M = TaintModel::builtin();
  auto User = TaintModel::parse("Filters:\n  - {Name: shell_quote, Args: [-1], Kinds: [command]}\n"
                                "Sinks:\n  - {Name: system, Args: [0], Kind: generic}\n",
                                "user.yaml");
  ASSERT_TRUE(bool(User));
  M.merge(std::move(*User));
  EXPECT_TRUE(M.findFilter("shell_quote"));
  EXPECT_EQ(M.findSink("system")->Kind, "generic"); // the later entry wins
}

TEST(TaintModel, ErrorsNameTheFileLineAndProblem) {
  EXPECT_EQ(errorOf("Sinks:\n  - {Name: run, Args: [0], Kind: shell}\n"),
            "model.yaml:2:6: sink kind 'shell' of 'run' is not one of: command, sql, format, "
            "path, ldap, xpath, url, html, header, llm-prompt, log, code, generic");
  EXPECT_EQ(errorOf("Sources:\n  - {Name: getenv2, Kind: environment}\n"),
            "model.yaml:2:6: source 'getenv2' needs Args (-1 for its result) or VariadicIndex");
  EXPECT_EQ(errorOf("Sinks:\n  - {Name: f, Args: [-3]}\n"),
            "model.yaml:2:6: Args of 'f' holds -3; use N >= 0 for arguments, -1 for the "
            "return value, -2 for the object");
  EXPECT_EQ(errorOf("Propagations:\n  - {Name: p, SrcArgs: [0]}\n"),
            "model.yaml:2:6: propagation 'p' needs DstArgs or VariadicType: Dst");
  EXPECT_EQ(errorOf("Propagations:\n  - {Name: p, DstArgs: [0], VariadicIndex: 1}\n"),
            "model.yaml:2:6: propagation 'p': VariadicType and VariadicIndex go together");
  EXPECT_NE(errorOf("Sinks:\n  - {Name: f, Args: [0], Knd: sql}\n").find("unknown key 'Knd'"),
            std::string::npos);
  EXPECT_NE(errorOf("Sinks: [").find("model.yaml:1:"), std::string::npos);
  EXPECT_NE(errorOf("Sinks:\n  - {Args: [0]}\n").find("missing required key 'Name'"),
            std::string::npos);
}
