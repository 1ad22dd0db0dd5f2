//===- Secrets.cpp - Recognising credentials in names and literals ---------===//
#include "vibeguard/Secrets/Secrets.h"
#include "vibeguard/Support/Embedded.h"
#include "vibeguard/Support/Identifier.h"
#include "vibeguard/Support/NameClassifier.h"
#include "vibeguard/Support/YAMLPack.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/YAMLTraits.h"
#include <re2/re2.h>
#include <cmath>
#include <bitset>
#include <mutex>

using namespace vibeguard;
using namespace vibeguard::secrets;

namespace {
struct Terms {
  std::vector<std::string> Strong, Generic;
};
struct Placeholders {
  std::vector<std::string> Substrings, Exact;
};
/// secrets.yaml as written.
struct SecretsFile {
  Terms CredentialTerms;
  std::vector<std::string> TrailingWords, LeadingNegations, NameLikeValueWords,
      DocumentedExamples;
  Placeholders PlaceholderValues;
  std::vector<CredentialParameter> Parameters;
  llvm::StringMap<std::vector<const CredentialParameter *>> ParametersOf; ///< by function
  std::vector<NamedPattern> Embedded, KeyFormats;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(CredentialParameter)
LLVM_YAML_IS_SEQUENCE_VECTOR(NamedPattern)

namespace llvm::yaml {
template <> struct MappingTraits<Terms> {
  static void mapping(IO &Io, Terms &T) {
    Io.mapRequired("strong", T.Strong);
    Io.mapRequired("generic", T.Generic);
  }
};
template <> struct MappingTraits<Placeholders> {
  static void mapping(IO &Io, Placeholders &P) {
    Io.mapRequired("substrings", P.Substrings);
    Io.mapRequired("exact", P.Exact);
  }
};
template <> struct MappingTraits<CredentialParameter> {
  static void mapping(IO &Io, CredentialParameter &P) {
    Io.mapRequired("function", P.Function);
    Io.mapRequired("arg", P.Arg);
    Io.mapRequired("what", P.What);
    Io.mapOptional("when-arg", P.WhenArg);
    Io.mapOptional("when", P.When);
  }
};
template <> struct MappingTraits<NamedPattern> {
  static void mapping(IO &Io, NamedPattern &P) {
    Io.mapRequired("id", P.Id);
    Io.mapRequired("what", P.What);
    Io.mapRequired("regex", P.Regex);
    Io.mapOptional("min-entropy", P.MinEntropy, 3.0);
    Io.mapOptional("anchors", P.Anchors);
  }
};
template <> struct MappingTraits<SecretsFile> {
  static void mapping(IO &Io, SecretsFile &F) {
    Io.mapRequired("credential-terms", F.CredentialTerms);
    Io.mapRequired("trailing-words", F.TrailingWords);
    Io.mapRequired("leading-negations", F.LeadingNegations);
    Io.mapRequired("placeholders", F.PlaceholderValues);
    Io.mapRequired("name-like-value-words", F.NameLikeValueWords);
    Io.mapRequired("documented-examples", F.DocumentedExamples);
    Io.mapRequired("credential-parameters", F.Parameters);
    Io.mapRequired("embedded-credentials", F.Embedded);
    Io.mapRequired("key-formats", F.KeyFormats);
  }
};
} // namespace llvm::yaml

namespace vibeguard::secrets {

/// The parsed and compiled built-in data; one per process.
class SecretsModel {
public:
  static const SecretsModel &get() {
    static const SecretsModel M;
    return M;
  }

  /// Credential words; labels are NameStrength values.
  NameClassifier Names;
  llvm::StringSet<> NameLike, Examples, ExactPlaceholders;
  std::vector<std::string> PlaceholderSubstrings;
  std::vector<CredentialParameter> Parameters;
  llvm::StringMap<std::vector<const CredentialParameter *>> ParametersOf; ///< by function
  std::vector<NamedPattern> Embedded, KeyFormats;
  std::vector<std::unique_ptr<re2::RE2>> EmbeddedRE;

  /// The exact pattern of key format \p I, compiled on first use: most files hold no
  /// anchor of it, and compiling every format up front would cost each clang-tidy
  /// process more than parsing a small file.
  const re2::RE2 &keyFormatRE(size_t I) const {
    std::call_once(KeyFormatOnce[I], [&] { KeyFormatRE[I] = compile(KeyFormats[I]); });
    return *KeyFormatRE[I];
  }

private:
  SecretsModel() {
    SecretsFile F;
    // The unit tests load the embedded file, so a build never ships a broken one.
    if (llvm::Error Err = parsePacked(embedded::secretsPacked(), "<builtin>/secrets.yaml", F))
      llvm::report_fatal_error(std::move(Err));
    for (const std::string &T : F.CredentialTerms.Strong)
      Names.addTerm(T, unsigned(NameStrength::Strong));
    for (const std::string &T : F.CredentialTerms.Generic)
      Names.addTerm(T, unsigned(NameStrength::Generic));
    for (auto &W : F.TrailingWords)
      Names.addTrailingWord(W);
    for (auto &W : F.LeadingNegations)
      Names.addNegation(W);
    for (auto &W : F.NameLikeValueWords)
      NameLike.insert(W);
    for (auto &W : F.DocumentedExamples)
      Examples.insert(W);
    for (auto &W : F.PlaceholderValues.Exact)
      ExactPlaceholders.insert(llvm::StringRef(W).lower());
    for (auto &W : F.PlaceholderValues.Substrings)
      PlaceholderSubstrings.push_back(llvm::StringRef(W).lower());
    Parameters = std::move(F.Parameters);
    for (const CredentialParameter &P : Parameters)
      ParametersOf[P.Function].push_back(&P);
    Embedded = std::move(F.Embedded);
    KeyFormats = std::move(F.KeyFormats);

    for (const NamedPattern &P : Embedded)
      EmbeddedRE.push_back(compile(P));
    KeyFormatRE.resize(KeyFormats.size());
    KeyFormatOnce = std::make_unique<std::once_flag[]>(KeyFormats.size());
    for (const NamedPattern &P : KeyFormats) {
      if (P.Anchors.empty())
        llvm::report_fatal_error(llvm::Twine("vibeguard: key format '") + P.Id +
                                 "' has no anchors");
      for (llvm::StringRef A : P.Anchors) {
        bool WordStart = A.consume_front("\\b");
        if (A.size() < 2)
          llvm::report_fatal_error(llvm::Twine("vibeguard: key format '") + P.Id +
                                   "' has an anchor shorter than two characters");
        AnchorsByPair[pairOf(A[0], A[1])].push_back(
            {A.str(), WordStart, unsigned(&P - KeyFormats.data())});
        AnchorPairs.set(pairOf(A[0], A[1]));
        AnchorFirst[uint8_t(A[0])] = true;
      }
    }
  }

public:
  /// The key formats \p Text holds an anchor of, in the order of the file: one pass
  /// over its character pairs. Only these formats can match it.
  llvm::SmallVector<unsigned, 4> candidateFormats(llvm::StringRef Text) const {
    llvm::SmallVector<unsigned, 4> Out;
    for (size_t I = 0; I + 1 < Text.size(); ++I) {
      if (!AnchorFirst[uint8_t(Text[I])]) // most characters start no anchor
        continue;
      uint16_t P = pairOf(Text[I], Text[I + 1]);
      if (!AnchorPairs.test(P))
        continue;
      for (const Anchor &A : AnchorsByPair.find(P)->second)
        if (Text.substr(I).starts_with(A.Text) &&
            !(A.WordStart && I > 0 && (llvm::isAlnum(Text[I - 1]) || Text[I - 1] == '_')))
          Out.push_back(A.Format);
    }
    llvm::sort(Out);
    Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
    return Out;
  }

private:
  static uint16_t pairOf(char A, char B) {
    return uint16_t((uint8_t(A) << 8) | uint8_t(B));
  }
  struct Anchor {
    std::string Text;
    bool WordStart; ///< written "\bSK": only at the start of a word, as the regex says
    unsigned Format;
  };
  std::bitset<65536> AnchorPairs;
  bool AnchorFirst[256] = {};
  llvm::DenseMap<uint16_t, std::vector<Anchor>> AnchorsByPair;

  mutable std::vector<std::unique_ptr<re2::RE2>> KeyFormatRE;
  std::unique_ptr<std::once_flag[]> KeyFormatOnce;

  static std::unique_ptr<re2::RE2> compile(const NamedPattern &P) {
    auto RE = std::make_unique<re2::RE2>(P.Regex, re2::RE2::Quiet);
    if (!RE->ok())
      llvm::report_fatal_error(llvm::Twine("vibeguard: bad pattern '") + P.Id +
                               "': " + RE->error());
    return RE;
  }
};

} // namespace vibeguard::secrets

Recognizer::Recognizer(Options O)
    : Model(SecretsModel::get()), Opts(std::move(O)) {
  if (!Opts.ExtraNames.empty()) {
    // The user's words join the built-in ones in a classifier of this recogniser's own.
    Extended = std::make_unique<NameClassifier>(Model.Names);
    for (const std::string &N : Opts.ExtraNames)
      Extended->addTerm(N, unsigned(NameStrength::Strong));
  }
  if (!Opts.AllowedValuesRegex.empty()) {
    auto RE = std::make_unique<re2::RE2>(Opts.AllowedValuesRegex, re2::RE2::Quiet);
    if (RE->ok())
      Allowed = std::move(RE);
  }
}

Recognizer::~Recognizer() = default;

NameStrength Recognizer::classifyName(llvm::StringRef Identifier) const {
  const NameClassifier &C = Extended ? *Extended : Model.Names;
  unsigned Best = 0;
  for (const NameClassifier::Match &M : C.qualifyingMatches(Identifier))
    Best = std::max(Best, M.Label);
  return static_cast<NameStrength>(Best);
}

double secrets::shannonEntropy(llvm::StringRef S) {
  if (S.empty())
    return 0;
  unsigned Counts[256] = {0};
  for (unsigned char C : S)
    ++Counts[C];
  double H = 0;
  for (unsigned N : Counts)
    if (N) {
      double P = static_cast<double>(N) / S.size();
      H -= P * std::log2(P);
    }
  return H;
}

bool Recognizer::isPlaceholderOrAllowed(llvm::StringRef Value) const {
  llvm::StringRef Trimmed = Value.trim();
  if (Trimmed.empty())
    return true;
  if (Allowed && re2::RE2::PartialMatch(re2::StringPiece(Value.data(), Value.size()),
                                        *Allowed))
    return true;
  if (Model.Examples.count(Trimmed))
    return true;
  std::string Lower = Trimmed.lower();
  if (Model.ExactPlaceholders.count(Lower))
    return true;
  for (const std::string &Sub : Model.PlaceholderSubstrings)
    if (llvm::StringRef(Lower).contains(Sub))
      return true;
  // One character repeated: "xxxxxxxx", "00000000", "********".
  if (Trimmed.find_first_not_of(Trimmed[0]) == llvm::StringRef::npos &&
      Trimmed.size() > 1)
    return true;
  return false;
}

namespace {
bool hasWhitespace(llvm::StringRef S) {
  return llvm::any_of(S, [](char C) { return llvm::isSpace(C); });
}

bool looksLikePathOrURL(llvm::StringRef S) {
  if (S.starts_with("/") || S.starts_with("./") || S.starts_with("../") ||
      S.starts_with("~/") || S.contains("://"))
    return true;
  for (llvm::StringRef Ext : {".pem", ".key", ".crt", ".txt", ".json", ".yaml",
                              ".yml", ".conf", ".ini", ".env", ".p12", ".pfx"})
    if (S.ends_with_insensitive(Ext))
      return true;
  return false;
}

unsigned charClasses(llvm::StringRef S) {
  bool Lower = false, Upper = false, Digit = false, Other = false;
  for (char C : S) {
    Lower |= llvm::isLower(C);
    Upper |= llvm::isUpper(C);
    Digit |= llvm::isDigit(C);
    Other |= !llvm::isAlnum(C);
  }
  return Lower + Upper + Digit + Other;
}
} // namespace

bool Recognizer::isCredentialValue(llvm::StringRef Value, NameStrength S) const {
  if (S == NameStrength::None || isPlaceholderOrAllowed(Value))
    return false;
  llvm::StringRef V = Value.trim();
  // Prose ("Enter your password: ") and multi-line text are messages, not secrets.
  if (V.count(' ') >= 2 || V.contains('\n') || looksLikePathOrURL(V))
    return false;
  // A field or header name ("X-API-Key", "auth_token") or an environment variable's
  // name ("DB_PASSWORD") names a credential; it is not one.
  std::vector<std::string> Words = splitIdentifierWords(V);
  if (!Words.empty() &&
      llvm::all_of(Words, [&](const std::string &W) { return Model.NameLike.count(W); }))
    return false;
  bool IdentifierShaped = llvm::all_of(V, [](char C) {
    return llvm::isAlpha(C) || C == '_' || C == '-' || C == '.';
  });
  if (IdentifierShaped && classifyName(V) != NameStrength::None)
    return false;

  if (S == NameStrength::Strong)
    return V.size() >= 3;
  // Generic names also hold lexer tokens, chat-template markers and state words.
  return V.size() >= 8 && !hasWhitespace(V) && charClasses(V) >= 2 &&
         (llvm::any_of(V, llvm::isDigit) || charClasses(V) >= 3) &&
         shannonEntropy(V) >= Opts.MinEntropy;
}

std::optional<PatternMatch>
Recognizer::findEmbeddedCredential(llvm::StringRef Text) const {
  re2::StringPiece In(Text.data(), Text.size());
  for (size_t I = 0; I != Model.Embedded.size(); ++I) {
    re2::StringPiece Secret;
    if (!re2::RE2::PartialMatch(In, *Model.EmbeddedRE[I], &Secret))
      continue;
    llvm::StringRef S(Secret.data(), Secret.size());
    llvm::StringRef Unquoted = S.trim("'{}");
    // Format specifiers, shell/SQL parameters (%s, $1, :pw, @pw, ?) are not values.
    if (Unquoted.size() < 3 || isPlaceholderOrAllowed(Unquoted) ||
        llvm::StringRef("%$:@?").contains(Unquoted.front()))
      continue;
    return PatternMatch{&Model.Embedded[I], size_t(S.data() - Text.data()),
                        Unquoted.str()};
  }
  return std::nullopt;
}

std::vector<PatternMatch> Recognizer::findKnownKeys(llvm::StringRef Text) const {
  std::vector<PatternMatch> Out;
  // The shortest format (key-/AKIA...) is 20 characters long.
  if (Text.size() < 20)
    return Out;
  re2::StringPiece In(Text.data(), Text.size());
  for (unsigned H : Model.candidateFormats(Text)) {
    const NamedPattern &P = Model.KeyFormats[H];
    const re2::RE2 &RE = Model.keyFormatRE(H);
    re2::StringPiece Whole, Group;
    bool HasGroup = RE.NumberOfCapturingGroups() >= 1;
    re2::StringPiece Subs[2];
    if (!RE.Match(In, 0, In.size(), re2::RE2::UNANCHORED, Subs, HasGroup ? 2 : 1))
      continue;
    re2::StringPiece SecretPiece = HasGroup && Subs[1].data() ? Subs[1] : Subs[0];
    llvm::StringRef Secret(SecretPiece.data(), SecretPiece.size());
    if (isPlaceholderOrAllowed(Secret) || shannonEntropy(Secret) < P.MinEntropy)
      continue;
    Out.push_back({&P, size_t(Secret.data() - Text.data()), Secret.str()});
  }
  return Out;
}

bool Recognizer::hasCredentialParameters(llvm::StringRef Function) const {
  return Model.ParametersOf.count(Function);
}

const CredentialParameter *Recognizer::findCredentialParameter(
    llvm::StringRef Function, unsigned Arg,
    llvm::function_ref<std::string(unsigned)> ArgName) const {
  auto It = Model.ParametersOf.find(Function);
  if (It == Model.ParametersOf.end())
    return nullptr;
  for (const CredentialParameter *P : It->second) {
    if (P->Arg != Arg)
      continue;
    if (P->WhenArg && !llvm::is_contained(P->When, ArgName(*P->WhenArg)))
      continue;
    return P;
  }
  return nullptr;
}

std::string secrets::maskSecret(llvm::StringRef Secret) {
  size_t Shown = std::min<size_t>(4, Secret.size() / 4);
  std::string Out = "'" + Secret.take_front(Shown).str() + "...' (" +
                    std::to_string(Secret.size()) + " chars)";
  return Out;
}

llvm::Error secrets::validateRegex(llvm::StringRef Regex, llvm::StringRef OptionName) {
  re2::RE2 RE(re2::StringPiece(Regex.data(), Regex.size()), re2::RE2::Quiet);
  if (RE.ok())
    return llvm::Error::success();
  return llvm::createStringError(std::errc::invalid_argument,
                                 "option '%s': invalid regular expression '%s': %s",
                                 OptionName.str().c_str(), Regex.str().c_str(),
                                 RE.error().c_str());
}

std::vector<std::string> secrets::splitList(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  std::string Norm = Value.str();
  std::replace(Norm.begin(), Norm.end(), ',', ';');
  llvm::StringRef(Norm).split(Parts, ';');
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}
