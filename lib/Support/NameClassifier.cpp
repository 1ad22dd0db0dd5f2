//===- NameClassifier.cpp ---------------------------------------------------===//
#include "vibeguard/Support/NameClassifier.h"
#include "vibeguard/Support/Identifier.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace vibeguard;

void NameClassifier::addTerm(llvm::StringRef Text, unsigned Label) {
  Term T;
  T.Words = splitIdentifierWords(Text);
  if (T.Words.empty())
    return;
  T.Joined = llvm::join(T.Words, "");
  T.Label = Label;
  // Keep longer terms first; among equals, the order they were added.
  auto At = llvm::find_if(Terms, [&](const Term &Other) {
    return Other.Words.size() < T.Words.size();
  });
  Terms.insert(At, std::move(T));
}

size_t NameClassifier::matchAt(const Term &T, const std::vector<std::string> &Words,
                               size_t I) {
  // "key2" and "password1" are the term with a number after it.
  auto SameWord = [](llvm::StringRef Have, llvm::StringRef Want) {
    return Have == Want ||
           (Have.starts_with(Want) && llvm::all_of(Have.drop_front(Want.size()),
                                                   llvm::isDigit));
  };
  if (I + T.Words.size() <= Words.size() &&
      std::equal(T.Words.begin(), T.Words.end(), Words.begin() + I,
                 [&](const std::string &Want, const std::string &Have) {
                   return SameWord(Have, Want);
                 }))
    return T.Words.size();
  // Run-together forms: "apikey", "dbpassword". Short terms ("pass", "iv") only match
  // a whole word, so "bypass" and "archive" are not credentials or IVs.
  llvm::StringRef W = Words[I];
  if (W == T.Joined || (T.Joined.size() >= 6 && W.ends_with(T.Joined)))
    return 1;
  return 0;
}

llvm::SmallVector<NameClassifier::Match, 2>
NameClassifier::qualifyingMatches(llvm::StringRef Identifier) const {
  std::vector<std::string> Words = splitIdentifierWords(Identifier);
  llvm::SmallVector<Match, 4> All;
  // Longest first, and without overlap: "api_key" is the term "api key", not also a
  // "key" inside it.
  for (size_t I = 0; I < Words.size();) {
    size_t Len = 0;
    for (const Term &T : Terms)
      if ((Len = matchAt(T, Words, I))) {
        All.push_back({I, I + Len, T.Label});
        break;
      }
    I += std::max<size_t>(Len, 1);
  }

  auto StartsMatchAt = [&](size_t Pos) -> const Match * {
    for (const Match &M : All)
      if (M.Begin == Pos)
        return &M;
    return nullptr;
  };
  llvm::SmallVector<Match, 2> Out;
  for (const Match &M : All) {
    bool Negated = llvm::any_of(llvm::ArrayRef(Words).take_front(M.Begin),
                                [&](const std::string &W) { return Negations.count(W); });
    if (Negated)
      continue;
    bool Qualifies = true;
    for (size_t J = M.End; J < Words.size() && Qualifies;) {
      if (const Match *Next = StartsMatchAt(J)) {
        J = Next->End;
        continue;
      }
      Qualifies = Trailing.count(Words[J]) || llvm::all_of(Words[J], llvm::isDigit);
      ++J;
    }
    if (Qualifies)
      Out.push_back(M);
  }
  return Out;
}

unsigned NameClassifier::headLabel(llvm::StringRef Identifier) const {
  auto Matches = qualifyingMatches(Identifier);
  return Matches.empty() ? 0 : Matches.back().Label;
}
