//===- Nesting.cpp --------------------------------------------------------===//
#include "vibeguard/Support/Nesting.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"

namespace vibeguard {

namespace {
std::string tooDeep(unsigned Line) {
  return ("line " + llvm::Twine(Line) + ": nested more than " + llvm::Twine(MaxNesting) +
          " levels deep")
      .str();
}
} // namespace

std::string jsonNestingError(llvm::StringRef Text) {
  unsigned Depth = 0, Line = 1;
  bool InString = false;
  for (size_t I = 0, N = Text.size(); I < N; ++I) {
    char C = Text[I];
    if (C == '\n')
      ++Line;
    if (InString) {
      if (C == '\\')
        ++I; // the escaped character, whatever it is
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"')
      InString = true;
    else if (C == '[' || C == '{') {
      if (++Depth > MaxNesting)
        return tooDeep(Line);
    } else if ((C == ']' || C == '}') && Depth)
      --Depth;
  }
  return "";
}

std::string yamlNestingError(llvm::StringRef Text) {
  // Block nesting: the indentations of the enclosing block lines. Flow nesting: open
  // brackets outside quoted scalars and comments, across lines.
  llvm::SmallVector<size_t, 16> Indents;
  unsigned Flow = 0, LineNo = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    ++LineNo;
    size_t Indent = Line.find_first_not_of(' ');
    if (Indent == llvm::StringRef::npos || Line[Indent] == '#' || Line[Indent] == '\r')
      continue; // blank or comment only
    unsigned Depth = 0;
    if (Flow == 0) {
      while (!Indents.empty() && Indents.back() >= Indent)
        Indents.pop_back();
      Indents.push_back(Indent);
      Depth = Indents.size();
      // "- - - x" opens a sequence per dash; "? " a complex key.
      size_t I = Indent;
      while (I + 1 < Line.size() && (Line[I] == '-' || Line[I] == '?') &&
             (Line[I + 1] == ' ' || Line[I + 1] == '\t')) {
        ++Depth;
        I = Line.find_first_not_of(" \t", I + 1);
        if (I == llvm::StringRef::npos)
          break;
      }
    } else {
      Depth = Indents.size();
    }
    char Quote = 0;
    for (size_t I = Indent; I < Line.size(); ++I) {
      char C = Line[I];
      if (Quote) {
        if (Quote == '"' && C == '\\')
          ++I;
        else if (C == Quote)
          Quote = 0;
        continue;
      }
      if (C == '#' && (I == 0 || Line[I - 1] == ' ' || Line[I - 1] == '\t'))
        break; // a comment
      if ((C == '"' || C == '\'') &&
          (I == Indent || llvm::StringRef(" \t[{,:").contains(Line[I - 1])))
        Quote = C;
      else if (C == '[' || C == '{')
        ++Flow;
      else if ((C == ']' || C == '}') && Flow)
        --Flow;
      if (Depth + Flow > MaxNesting)
        return tooDeep(LineNo);
    }
    if (Depth + Flow > MaxNesting)
      return tooDeep(LineNo);
  }
  return "";
}

llvm::Expected<llvm::json::Value> parseJSON(llvm::StringRef Text) {
  if (std::string E = jsonNestingError(Text); !E.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s", E.c_str());
  return llvm::json::parse(Text);
}

} // namespace vibeguard
