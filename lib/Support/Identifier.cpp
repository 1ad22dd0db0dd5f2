//===- Identifier.cpp -------------------------------------------------------===//
#include "vibeguard/Support/Identifier.h"
#include "llvm/ADT/StringExtras.h"

using namespace vibeguard;

std::vector<std::string> vibeguard::splitIdentifierWords(llvm::StringRef Name) {
  std::vector<std::string> Words;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      Words.push_back(std::move(Cur));
    Cur.clear();
  };
  for (size_t I = 0, E = Name.size(); I != E; ++I) {
    char C = Name[I];
    if (!llvm::isAlnum(C)) {
      Flush();
      continue;
    }
    if (llvm::isUpper(C) && !Cur.empty()) {
      char Prev = Name[I - 1];
      bool NextIsLower = I + 1 < E && llvm::isLower(Name[I + 1]);
      // "dbPassword": lower -> Upper starts a word; "HTTPServer": the last capital of a
      // run starts a word when a lowercase letter follows it.
      if (llvm::isLower(Prev) || llvm::isDigit(Prev) ||
          (llvm::isUpper(Prev) && NextIsLower))
        Flush();
    }
    Cur.push_back(llvm::toLower(C));
  }
  Flush();
  return Words;
}
