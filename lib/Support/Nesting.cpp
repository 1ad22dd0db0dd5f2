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

namespace {
/// Whether \p Code (a line without its comment) ends with a block scalar's header, '|'
/// or '>' with its chomping and indentation indicators, as a value or an entry.
bool opensBlockScalar(llvm::StringRef Code) {
  Code = Code.rtrim(" \t");
  size_t At = Code.find_last_of(" \t");
  llvm::StringRef Last = At == llvm::StringRef::npos ? Code : Code.substr(At + 1);
  if (Last.empty() || (Last[0] != '|' && Last[0] != '>'))
    return false;
  if (Last.drop_front().find_first_not_of("+-123456789") != llvm::StringRef::npos)
    return false;
  llvm::StringRef Before = At == llvm::StringRef::npos ? "" : Code.substr(0, At).rtrim(" \t");
  return Before.empty() || Before.ends_with(":") || Before.ends_with("-") ||
         Before.ends_with("?");
}
} // namespace

std::string yamlNestingError(llvm::StringRef Text) {
  // Block nesting: the indentations of the enclosing block lines, and "- - -" entries
  // opened on one line. Flow nesting: brackets, across lines. Neither counts inside a
  // quoted scalar (which may span lines), a comment, or a block scalar's content (the
  // lines indented deeper than its header's), as YAML's scanner reads them.
  llvm::SmallVector<size_t, 16> Indents;
  unsigned Flow = 0, LineNo = 0;
  char Quote = 0;
  bool InBlockScalar = false;
  size_t BlockScalarParent = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    ++LineNo;
    if (Line.ends_with("\r"))
      Line = Line.drop_back();
    size_t Indent = Line.find_first_not_of(' ');
    bool Blank = Indent == llvm::StringRef::npos;
    if (InBlockScalar) {
      if (Blank || Indent > BlockScalarParent)
        continue; // the scalar's text
      InBlockScalar = false;
    }
    size_t I = 0;
    unsigned Depth = Indents.size();
    if (!Quote) {
      if (Blank || Line[Indent] == '#')
        continue; // blank or comment only
      I = Indent;
      if (Flow == 0) {
        while (!Indents.empty() && Indents.back() >= Indent)
          Indents.pop_back();
        Indents.push_back(Indent);
        Depth = Indents.size();
        // "- - - x" opens a sequence per dash; "? " a complex key.
        for (size_t D = Indent; D + 1 < Line.size() && (Line[D] == '-' || Line[D] == '?') &&
                                (Line[D + 1] == ' ' || Line[D + 1] == '\t');) {
          ++Depth;
          D = Line.find_first_not_of(" \t", D + 1);
          if (D == llvm::StringRef::npos)
            break;
        }
      }
    }
    size_t CodeEnd = Line.size();
    for (; I < Line.size(); ++I) {
      char C = Line[I];
      if (Quote) {
        if (Quote == '"' && C == '\\')
          ++I; // the escaped character
        else if (Quote == '\'' && C == '\'' && I + 1 < Line.size() && Line[I + 1] == '\'')
          ++I; // '' is a quote inside single quotes
        else if (C == Quote)
          Quote = 0;
        continue;
      }
      char Prev = I == 0 ? ' ' : Line[I - 1];
      if (C == '#' && (Prev == ' ' || Prev == '\t')) {
        CodeEnd = I;
        break; // a comment
      }
      if ((C == '"' || C == '\'') && (I == Indent || llvm::StringRef(" \t[{,").contains(Prev) ||
                                      (Flow && Prev == ':'))) {
        Quote = C;
      } else if (C == '[' || C == '{') {
        if (Depth + ++Flow > MaxNesting)
          return tooDeep(LineNo);
      } else if ((C == ']' || C == '}') && Flow) {
        --Flow;
      }
    }
    if (Depth + Flow > MaxNesting)
      return tooDeep(LineNo);
    if (!Quote && Flow == 0 && opensBlockScalar(Line.take_front(CodeEnd))) {
      InBlockScalar = true;
      BlockScalarParent = Indent == llvm::StringRef::npos ? 0 : Indent;
    }
  }
  return "";
}

llvm::Expected<llvm::json::Value> parseJSON(llvm::StringRef Text) {
  if (std::string E = jsonNestingError(Text); !E.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s", E.c_str());
  return llvm::json::parse(Text);
}

} // namespace vibeguard
