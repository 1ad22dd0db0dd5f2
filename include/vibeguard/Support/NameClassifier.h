//===- NameClassifier.h - What does an identifier name? ---------------------===//
//
// Classifies identifiers by the terms they contain, the way a reader does: the term
// must be the head of the name. "db_password" and "reset_password_token" name
// credentials; "password_length", "token_url" and "max_password_len" do not. Words
// before a term can negate it ("dummy_password"). Used by the secrets recognisers
// (credential names) and the crypto/auth rules (key, IV, salt, token, MAC roles).
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_SUPPORT_NAMECLASSIFIER_H
#define VIBEGUARD_SUPPORT_NAMECLASSIFIER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace vibeguard {

class NameClassifier {
public:
  /// A term found in a name, and the label it was added with.
  struct Match {
    size_t Begin, End; ///< word positions [Begin, End)
    unsigned Label;
  };

  /// Adds a term ("api key") with a caller-defined label (non-zero).
  void addTerm(llvm::StringRef Text, unsigned Label);
  /// Words that may follow a term without changing what the name holds ("str").
  void addTrailingWord(llvm::StringRef Word) { Trailing.insert(Word); }
  /// Words that, anywhere before a term, make it not count ("dummy", "max").
  void addNegation(llvm::StringRef Word) { Negations.insert(Word); }

  /// Terms that qualify in \p Identifier: nothing after them but trailing words or
  /// further terms, and no negation before them. In word order.
  llvm::SmallVector<Match, 2> qualifyingMatches(llvm::StringRef Identifier) const;

  /// The label of the head term (the last qualifying match), or 0.
  unsigned headLabel(llvm::StringRef Identifier) const;

private:
  struct Term {
    std::vector<std::string> Words;
    std::string Joined; ///< "api key" -> "apikey"
    unsigned Label;
  };
  /// Words spanned by \p T at word \p I of \p Words, or 0.
  static size_t matchAt(const Term &T, const std::vector<std::string> &Words, size_t I);

  std::vector<Term> Terms; ///< longest first, so "secret key" wins over "secret"
  llvm::StringSet<> Trailing, Negations;
};

} // namespace vibeguard

#endif
