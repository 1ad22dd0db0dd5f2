//===- NestingTest.cpp - Refusing input nested too deep, and only that -------===//
#include "vibeguard/Support/Nesting.h"

#include "gtest/gtest.h"

using namespace vibeguard;

namespace {

std::string nested(char Open, char Close, unsigned Depth) {
  return std::string(Depth, Open) + std::string(Depth, Close);
}

TEST(Nesting, JsonAtTheLimitIsRead) {
  EXPECT_EQ(jsonNestingError(nested('[', ']', MaxNesting)), "");
  auto V = parseJSON(nested('[', ']', MaxNesting));
  EXPECT_TRUE(bool(V));
  if (!V)
    llvm::consumeError(V.takeError());
}

TEST(Nesting, JsonBeyondTheLimitIsRefusedWithItsLine) {
  std::string Text = "{\n\"a\":\n" + nested('[', ']', MaxNesting) + "}";
  EXPECT_EQ(jsonNestingError(Text), "line 3: nested more than 512 levels deep");
  auto V = parseJSON("{\"runs\": " + nested('{', '}', 100000) + "}");
  ASSERT_FALSE(bool(V));
  EXPECT_EQ(llvm::toString(V.takeError()), "line 1: nested more than 512 levels deep");
}

TEST(Nesting, JsonBracketsInStringsDoNotCount) {
  std::string Brackets(5000, '[');
  EXPECT_EQ(jsonNestingError("[\"" + Brackets + "\", \"\\\"" + Brackets + "\"]"), "");
  // An escaped quote does not end the string; an escaped backslash does not escape it.
  EXPECT_EQ(jsonNestingError("[\"\\\\\", " + nested('[', ']', 10) + "]"), "");
  EXPECT_NE(jsonNestingError("[\"\\\\\", " + nested('[', ']', MaxNesting) + "]"), "");
}

TEST(Nesting, YamlFlowBlockAndDashesCount) {
  EXPECT_EQ(yamlNestingError("a: " + nested('[', ']', MaxNesting - 1) + "\n"), "");
  EXPECT_NE(yamlNestingError("a: " + nested('[', ']', MaxNesting) + "\n"), "");
  EXPECT_NE(yamlNestingError("a: " + nested('{', '}', 100000) + "\n"), "");
  // Flow collections across lines.
  std::string Lines;
  for (unsigned I = 0; I < MaxNesting + 1; ++I)
    Lines += "[\n";
  // (the key a is one level)
  EXPECT_EQ(yamlNestingError("a: " + Lines), "line 512: nested more than 512 levels deep");
  std::string Dashes = "a:\n";
  for (unsigned I = 0; I < MaxNesting; ++I)
    Dashes += "- ";
  EXPECT_EQ(yamlNestingError(Dashes + "x\n"), "line 2: nested more than 512 levels deep");
  std::string Blocks;
  for (unsigned I = 0; I < MaxNesting + 1; ++I)
    Blocks += std::string(I, ' ') + "k:\n";
  EXPECT_EQ(yamlNestingError(Blocks), "line 513: nested more than 512 levels deep");
}

TEST(Nesting, YamlLookalikesDoNotCount) {
  std::string Brackets(5000, '[');
  // Quoted scalars, comments, a plain scalar's apostrophe, and a block that goes back
  // out: none nests.
  std::string Text = "Sources:\n"
                     "  - Name: \"" + Brackets + "\"  # " + Brackets + "\n"
                     "    Note: '" + Brackets + "'\n"
                     "    Text: don't [stop]\n"
                     "# " + Brackets + "\n";
  for (unsigned I = 0; I < 2000; ++I)
    Text += "  - Name: f" + std::to_string(I) + "\n    Args: [0, 1]\n";
  EXPECT_EQ(yamlNestingError(Text), "");
}

} // namespace

namespace {

TEST(Nesting, YamlQuotesSpanLinesAndBlockScalarsAreText) {
  std::string Deep(100000, '['), Close(100000, ']');
  // A double-quoted string that goes on to a line starting with '#' or a quote: the
  // brackets after it are YAML's, not a comment's or a string's.
  EXPECT_NE(yamlNestingError("k: [\"x\n#\", " + Deep + Close + " ]\n"), "");
  EXPECT_NE(yamlNestingError("k: ['x\n'" + Deep + Close + "]\n"), "");
  // Closing brackets inside a string do not pay for opening ones outside.
  std::string Lines = "k: [ \"a\n";
  for (int I = 0; I < 600; ++I)
    Lines += "]]]]]]\", [ \"a\n";
  EXPECT_NE(yamlNestingError(Lines + "\"]\n"), "");
  // A block scalar's text is text, brackets, quotes and all; the mapping goes on after.
  std::string Block = "Sources:\n  - Name: f\n    Note: |\n      " + Deep + "\n      \"open\n"
                      "    Args: [0]\n  - Name: g\n    Text: >-\n      it's [\n";
  EXPECT_EQ(yamlNestingError(Block), "");
  EXPECT_NE(yamlNestingError(Block + "k: " + Deep + Close + "\n"), "");
  // CRLF line ends, single quotes doubled inside single quotes, JSON-style flow.
  EXPECT_EQ(yamlNestingError("a: 'it''s [[[ ok'\r\nb: {\"x\":\"[[[\", \"y\": [1]}\r\n"), "");
}

} // namespace
