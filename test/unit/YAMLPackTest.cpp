//===- YAMLPackTest.cpp - Packed data files read as their YAML does ---------===//
#include "vibeguard/Analysis/TaintModel.h"
#include "vibeguard/Support/Embedded.h"
#include "vibeguard/Support/YAML.h"
#include "vibeguard/Support/YAMLPack.h"
#include "gtest/gtest.h"

#include <optional>

using namespace vibeguard;

namespace {
enum class Colour { Red, Green };
struct Item {
  std::string Name;
  std::vector<int> Args;
};
struct Doc {
  std::string Title;
  int Count = 7;
  std::optional<unsigned> Index;
  Colour C = Colour::Red;
  std::vector<std::string> Tags;
  std::vector<Item> Items;
  Item Nested;
  std::string Text;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(Item)

namespace llvm::yaml {
template <> struct ScalarEnumerationTraits<Colour> {
  static void enumeration(IO &Io, Colour &C) {
    Io.enumCase(C, "red", Colour::Red);
    Io.enumCase(C, "green", Colour::Green);
  }
};
template <> struct MappingTraits<Item> {
  static void mapping(IO &Io, Item &I) {
    Io.mapRequired("name", I.Name);
    Io.mapOptional("args", I.Args);
  }
  static std::string validate(IO &, Item &I) {
    return I.Name == "bad" ? "an item may not be called bad" : "";
  }
};
template <> struct MappingTraits<Doc> {
  static void mapping(IO &Io, Doc &D) {
    Io.mapRequired("title", D.Title);
    Io.mapOptional("count", D.Count, 7);
    Io.mapOptional("index", D.Index);
    Io.mapOptional("colour", D.C, Colour::Red);
    Io.mapOptional("tags", D.Tags);
    Io.mapOptional("items", D.Items);
    Io.mapOptional("nested", D.Nested);
    Io.mapOptional("text", D.Text);
  }
};
} // namespace llvm::yaml

namespace {
std::string dump(const Doc &D) {
  std::string S = D.Title + "|" + std::to_string(D.Count) + "|" +
                  (D.Index ? std::to_string(*D.Index) : "-") + "|" +
                  (D.C == Colour::Green ? "green" : "red") + "|";
  for (const std::string &T : D.Tags)
    S += T + ",";
  for (const Item &I : D.Items) {
    S += "[" + I.Name;
    for (int A : I.Args)
      S += " " + std::to_string(A);
    S += "]";
  }
  return S + "|" + D.Nested.Name + "|" + D.Text;
}

/// What the YAML reader and the packed reader make of \p Text: the result or the error.
std::pair<std::string, std::string> both(llvm::StringRef Text) {
  Doc FromYAML, FromPacked;
  std::string A, B;
  if (llvm::Error E = parseYAML(Text, "doc.yaml", FromYAML))
    A = "error: " + llvm::toString(std::move(E));
  else
    A = dump(FromYAML);
  auto Packed = packYAML(Text, "doc.yaml");
  if (!Packed)
    return {A, "pack error: " + llvm::toString(Packed.takeError())};
  if (llvm::Error E = parsePacked(*Packed, "doc.yaml", FromPacked))
    B = "error: " + llvm::toString(std::move(E));
  else
    B = dump(FromPacked);
  return {A, B};
}
} // namespace

TEST(YAMLPack, ReadsAsTheYAMLReaderDoes) {
  const char *Full = R"(# a comment
title: "quoted \"title\"\n"
count: 3
index: 12
colour: green
tags: [a, 'b c', "d\te"]
items:
  - name: one
    args: [1, -1, 2]
  - { name: two }
nested: { name: inner }
text: |
  first line
  second line
)";
  auto [Y, P] = both(Full);
  EXPECT_EQ(Y, P);
  EXPECT_EQ(P, "quoted \"title\"\n|3|12|green|a,b c,d\te,[one 1 -1 2][two]|inner|"
               "first line\nsecond line\n");
  // Defaults where keys are missing; an empty sequence; a null value of a sequence.
  std::tie(Y, P) = both("title: t\ntags: []\nitems: ~\n");
  EXPECT_EQ(Y, P);
  EXPECT_EQ(P, "t|7|-|red|||");
}

TEST(YAMLPack, ErrorsAsTheYAMLReaderDoes) {
  // The same problems are errors, with the same words (the packed form has no lines).
  auto Expect = [](llvm::StringRef Text, llvm::StringRef Problem) {
    auto [Y, P] = both(Text);
    EXPECT_NE(Y.find(Problem.str()), std::string::npos) << Y;
    EXPECT_EQ(P, "error: doc.yaml: " + Problem.str()) << Text.str();
  };
  Expect("count: 3\n", "missing required key 'title'");
  Expect("title: t\nextra: 1\n", "unknown key 'extra'");
  Expect("title: t\ntags: { a: 1 }\n", "not a sequence");
  Expect("title: t\ncolour: blue\n", "unknown enumerated scalar");
  Expect("title: t\nitems: [ { name: bad } ]\n", "an item may not be called bad");
  Expect("title: t\nnested: [1]\n", "not a mapping");
  Expect("title: t\nitems: [ { args: [1] } ]\n", "missing required key 'name'");
}

TEST(YAMLPack, RefusesWhatItCannotHold) {
  auto PackError = [](llvm::StringRef Text) {
    auto P = packYAML(Text, "doc.yaml");
    return P ? std::string() : llvm::toString(P.takeError());
  };
  EXPECT_EQ(PackError("a: &x 1\nb: *x\n"),
            "doc.yaml:1:7: anchors are not supported in a built-in data file");
  EXPECT_EQ(PackError("a: !!str 1\n"),
            "doc.yaml:1:10: tags are not supported in a built-in data file");
  EXPECT_EQ(PackError("a: 1\na: 2\n"), "doc.yaml:2:1: duplicate key 'a'");
  EXPECT_EQ(PackError("a: <none>\n"),
            "doc.yaml:1:4: '<none>' is not supported in a built-in data file");
  EXPECT_EQ(PackError("a: [1, 2\n"), "doc.yaml:1:9: Could not find closing ]!");
}

TEST(YAMLPack, DamagedPackedDataIsAnError) {
  auto Packed = packYAML("title: t\ntags: [a, b]\n", "doc.yaml");
  ASSERT_TRUE(bool(Packed));
  // Every truncation, and a different first byte, is an error, never a crash.
  for (size_t N = 0; N < Packed->size(); ++N) {
    Doc D;
    llvm::Error E = parsePacked(llvm::StringRef(*Packed).take_front(N), "doc.bin", D);
    EXPECT_TRUE(bool(E)) << N;
    llvm::consumeError(std::move(E));
  }
  std::string Bad = *Packed;
  Bad[6] = 'X';
  Doc D;
  EXPECT_EQ(llvm::toString(parsePacked(Bad, "doc.bin", D)),
            "doc.bin: damaged packed data file");
}

TEST(YAMLPack, BuiltinTaintModelIsItsYAML) {
  // builtin() reads the packed file; the YAML text must give the same model.
  const taint::TaintModel &P = taint::TaintModel::builtin();
  auto Y = taint::TaintModel::parse(embedded::taintDefault(), "taint-default.yaml");
  ASSERT_TRUE(bool(Y)) << llvm::toString(Y.takeError());
  ASSERT_EQ(P.Sources.size(), Y->Sources.size());
  ASSERT_EQ(P.Sinks.size(), Y->Sinks.size());
  ASSERT_EQ(P.Propagations.size(), Y->Propagations.size());
  ASSERT_EQ(P.Filters.size(), Y->Filters.size());
  ASSERT_EQ(P.NameSources.size(), Y->NameSources.size());
  for (size_t I = 0; I < P.Sources.size(); ++I) {
    const taint::Source &A = P.Sources[I], &B = Y->Sources[I];
    EXPECT_EQ(std::tie(A.Name, A.Scope, A.Args, A.VariadicIndex, A.Kind, A.Field),
              std::tie(B.Name, B.Scope, B.Args, B.VariadicIndex, B.Kind, B.Field));
  }
  for (size_t I = 0; I < P.Sinks.size(); ++I) {
    const taint::Sink &A = P.Sinks[I], &B = Y->Sinks[I];
    EXPECT_EQ(std::tie(A.Name, A.Scope, A.Args, A.VariadicIndex, A.Kind, A.Role, A.Remote),
              std::tie(B.Name, B.Scope, B.Args, B.VariadicIndex, B.Kind, B.Role, B.Remote));
  }
  for (size_t I = 0; I < P.Propagations.size(); ++I) {
    const taint::Propagation &A = P.Propagations[I], &B = Y->Propagations[I];
    EXPECT_EQ(std::tie(A.Name, A.Scope, A.SrcArgs, A.DstArgs, A.VariadicType,
                       A.VariadicIndex),
              std::tie(B.Name, B.Scope, B.SrcArgs, B.DstArgs, B.VariadicType,
                       B.VariadicIndex));
  }
  for (size_t I = 0; I < P.Filters.size(); ++I)
    EXPECT_EQ(std::tie(P.Filters[I].Name, P.Filters[I].Scope, P.Filters[I].Args,
                       P.Filters[I].Kinds),
              std::tie(Y->Filters[I].Name, Y->Filters[I].Scope, Y->Filters[I].Args,
                       Y->Filters[I].Kinds));
  for (size_t I = 0; I < P.NameSources.size(); ++I)
    EXPECT_EQ(std::tie(P.NameSources[I].Terms, P.NameSources[I].Kind),
              std::tie(Y->NameSources[I].Terms, Y->NameSources[I].Kind));
}

TEST(YAMLPack, EmbeddedPackedFilesAreTheirYAML) {
  // The packed data the models read is the packing of the YAML text shipped beside it
  // (the reader's equivalence is tested above; the models' own tests use the data).
  std::pair<llvm::StringRef, llvm::StringRef> Files[] = {
      {embedded::secrets(), embedded::secretsPacked()},
      {embedded::crypto(), embedded::cryptoPacked()},
      {embedded::taintDefault(), embedded::taintDefaultPacked()}};
  for (auto [Text, Packed] : Files) {
    auto P = packYAML(Text, "builtin.yaml");
    ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
    EXPECT_TRUE(*P == Packed);
  }
}
