//===- Crypto.cpp - The crypto model: loading crypto.yaml and querying it ----===//
#include "vibeguard/Crypto/Crypto.h"
#include "vibeguard/Support/Embedded.h"
#include "vibeguard/Support/Identifier.h"
#include "vibeguard/Support/NameClassifier.h"
#include "vibeguard/Support/YAMLPack.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ErrorHandling.h"
#include <memory>
#include <re2/re2.h>
#include <re2/set.h>

using namespace vibeguard;
using namespace vibeguard::crypto;

namespace {
struct FingerprintString {
  std::string Id, What, Text;
};
struct WeakRule {
  std::string Match;
  int Arg = -2; ///< -2: none; -1: any argument; i: argument i
  std::vector<std::string> Names;
  std::string Algorithm, Why;
  bool Always = false;
};
struct KeyParamEntry {
  std::string Function;
  KeyParameters P;
};
struct ArgonPair {
  uint64_t T = 0, MKiB = 0;
};
struct PBKDF2Min {
  uint64_t Sha1 = 0, Sha256 = 0, Sha512 = 0, Default = 0;
};
struct KDFFile {
  PBKDF2Min PBKDF2;
  std::vector<ArgonPair> Argon2;
  unsigned BcryptMinCost = 10;
  uint64_t ScryptMinN = 0, SodiumOps = 0, SodiumMem = 0;
};
struct RandomFile {
  std::vector<std::string> Functions, Engines, Predictable;
};
struct RoleTerms {
  std::vector<std::string> Key, IV, Salt, Token, GenericToken, Password, MAC, Digest;
};
struct CryptoFile {
  RoleTerms Roles;
  std::vector<std::string> RoleTrailing, RoleNegations, CryptoFunctionWords,
      SecurityContextWords, AuthDelegates, FastDigests;
  std::vector<Fingerprint> Fingerprints;
  std::vector<FingerprintString> Strings;
  std::vector<WeakRule> WeakAlgorithms, WeakClasses;
  std::vector<KeyParamEntry> KeyParams;
  KDFFile KDF;
  RandomFile Random;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(Fingerprint)
LLVM_YAML_IS_SEQUENCE_VECTOR(FingerprintString)
LLVM_YAML_IS_SEQUENCE_VECTOR(WeakRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(KeyParamEntry)
LLVM_YAML_IS_SEQUENCE_VECTOR(ArgonPair)

namespace llvm::yaml {
template <> struct MappingTraits<Fingerprint> {
  static void mapping(IO &Io, Fingerprint &F) {
    Io.mapRequired("id", F.Id);
    Io.mapRequired("what", F.What);
    Io.mapOptional("sequence", F.Sequence);
    Io.mapOptional("set", F.Set);
    Io.mapOptional("min", F.Min, 0u);
  }
};
template <> struct MappingTraits<FingerprintString> {
  static void mapping(IO &Io, FingerprintString &F) {
    Io.mapRequired("id", F.Id);
    Io.mapRequired("what", F.What);
    Io.mapRequired("text", F.Text);
  }
};
template <> struct MappingTraits<WeakRule> {
  static void mapping(IO &Io, WeakRule &W) {
    Io.mapRequired("match", W.Match);
    Io.mapOptional("arg", W.Arg, -2);
    Io.mapOptional("names", W.Names);
    Io.mapRequired("algorithm", W.Algorithm);
    Io.mapRequired("why", W.Why);
    Io.mapOptional("always", W.Always, false);
  }
};
template <> struct MappingTraits<KeyParamEntry> {
  static void mapping(IO &Io, KeyParamEntry &E) {
    Io.mapRequired("function", E.Function);
    Io.mapOptional("key", E.P.Key);
    Io.mapOptional("iv", E.P.IV);
    Io.mapOptional("salt", E.P.Salt);
    Io.mapOptional("derived-key-data", E.P.DerivedKeyData);
  }
};
template <> struct MappingTraits<ArgonPair> {
  static void mapping(IO &Io, ArgonPair &A) {
    Io.mapRequired("t", A.T);
    Io.mapRequired("m-kib", A.MKiB);
  }
};
template <> struct MappingTraits<PBKDF2Min> {
  static void mapping(IO &Io, PBKDF2Min &P) {
    Io.mapRequired("sha1", P.Sha1);
    Io.mapRequired("sha256", P.Sha256);
    Io.mapRequired("sha512", P.Sha512);
    Io.mapRequired("default", P.Default);
  }
};
template <> struct MappingTraits<KDFFile> {
  static void mapping(IO &Io, KDFFile &K) {
    Io.mapRequired("pbkdf2-min-iterations", K.PBKDF2);
    Io.mapRequired("argon2-acceptable", K.Argon2);
    Io.mapRequired("bcrypt-min-cost", K.BcryptMinCost);
    Io.mapRequired("scrypt-min-n", K.ScryptMinN);
    Io.mapRequired("sodium-min-opslimit", K.SodiumOps);
    Io.mapRequired("sodium-min-memlimit", K.SodiumMem);
  }
};
template <> struct MappingTraits<RandomFile> {
  static void mapping(IO &Io, RandomFile &R) {
    Io.mapRequired("functions", R.Functions);
    Io.mapRequired("engines", R.Engines);
    Io.mapRequired("predictable", R.Predictable);
  }
};
template <> struct MappingTraits<RoleTerms> {
  static void mapping(IO &Io, RoleTerms &R) {
    Io.mapRequired("key", R.Key);
    Io.mapRequired("iv", R.IV);
    Io.mapRequired("salt", R.Salt);
    Io.mapRequired("token", R.Token);
    Io.mapRequired("generic-token", R.GenericToken);
    Io.mapRequired("password", R.Password);
    Io.mapRequired("mac", R.MAC);
    Io.mapRequired("digest", R.Digest);
  }
};
template <> struct MappingTraits<CryptoFile> {
  static void mapping(IO &Io, CryptoFile &F) {
    Io.mapRequired("roles", F.Roles);
    Io.mapRequired("role-trailing-words", F.RoleTrailing);
    Io.mapRequired("role-negations", F.RoleNegations);
    Io.mapRequired("crypto-function-words", F.CryptoFunctionWords);
    Io.mapRequired("fingerprints", F.Fingerprints);
    Io.mapRequired("fingerprint-strings", F.Strings);
    Io.mapRequired("weak-algorithms", F.WeakAlgorithms);
    Io.mapRequired("weak-classes", F.WeakClasses);
    Io.mapRequired("security-context-words", F.SecurityContextWords);
    Io.mapRequired("key-parameters", F.KeyParams);
    Io.mapRequired("kdf", F.KDF);
    Io.mapRequired("insecure-random", F.Random);
    Io.mapRequired("fast-digests", F.FastDigests);
    Io.mapRequired("auth-delegates", F.AuthDelegates);
  }
};
} // namespace llvm::yaml

namespace {
struct CompiledWeakRule {
  WeakRule Rule;
  std::unique_ptr<re2::RE2> RE;
};

class CryptoModel {
public:
  static const CryptoModel &get() {
    static const CryptoModel M;
    return M;
  }

  NameClassifier Roles, FunctionWords, ContextWords;
  std::vector<Fingerprint> Fingerprints;
  std::vector<FingerprintString> Strings;
  /// The rules for functions are matched only through WeakFunctionSet (one match finds
  /// the candidates), so they keep no RE2 of their own: compiling 2 of every pattern
  /// cost each clang-tidy process a third of a millisecond.
  std::vector<WeakRule> WeakFunctions;
  std::vector<CompiledWeakRule> WeakClasses;
  /// All WeakFunctions patterns as one set: one match finds the candidate rules.
  std::unique_ptr<re2::RE2::Set> WeakFunctionSet;
  llvm::StringMap<KeyParameters> KeyParams;
  KDFGuidance KDF;
  llvm::StringSet<> RandomFunctions, RandomEngines, Predictable, AuthDelegates,
      FastDigests;
  /// The unqualified names of RandomFunctions and Predictable: a call is looked up by
  /// qualified name only when its own name is one of these.
  llvm::StringSet<> RandomLastNames;

private:
  CryptoModel() {
    CryptoFile F;
    // The unit tests load the embedded file, so a build never ships a broken one.
    if (llvm::Error Err = parsePacked(embedded::cryptoPacked(), "<builtin>/crypto.yaml", F))
      llvm::report_fatal_error(std::move(Err));
    const std::pair<const std::vector<std::string> *, Role> RoleTerms[] = {
        {&F.Roles.Key, Role::Key},           {&F.Roles.IV, Role::IV},
        {&F.Roles.Salt, Role::Salt},         {&F.Roles.Token, Role::Token},
        {&F.Roles.GenericToken, Role::GenericToken},
        {&F.Roles.Password, Role::Password}, {&F.Roles.MAC, Role::MAC},
        {&F.Roles.Digest, Role::Digest}};
    for (auto [Terms, R] : RoleTerms)
      for (const std::string &T : *Terms)
        Roles.addTerm(T, unsigned(R));
    for (const std::string &W : F.RoleTrailing)
      Roles.addTrailingWord(W);
    for (const std::string &W : F.RoleNegations)
      Roles.addNegation(W);
    for (const std::string &W : F.CryptoFunctionWords)
      FunctionWords.addTerm(W, 1);
    for (const std::string &W : F.SecurityContextWords)
      ContextWords.addTerm(W, 1);
    Fingerprints = std::move(F.Fingerprints);
    Strings = std::move(F.Strings);
    WeakFunctionSet = std::make_unique<re2::RE2::Set>(re2::RE2::DefaultOptions,
                                                      re2::RE2::ANCHOR_BOTH);
    for (WeakRule &W : F.WeakAlgorithms) {
      std::string Err;
      if (WeakFunctionSet->Add(W.Match, &Err) < 0)
        llvm::report_fatal_error(llvm::Twine("vibeguard: crypto.yaml: bad regex '") +
                                 W.Match + "': " + Err);
      WeakFunctions.push_back(std::move(W));
    }
    if (!WeakFunctionSet->Compile())
      llvm::report_fatal_error("vibeguard: crypto.yaml: weak-algorithms do not compile");
    for (WeakRule &W : F.WeakClasses)
      WeakClasses.push_back(compile(std::move(W)));
    for (KeyParamEntry &E : F.KeyParams)
      KeyParams[E.Function] = E.P;
    KDF = {F.KDF.PBKDF2.Sha1, F.KDF.PBKDF2.Sha256, F.KDF.PBKDF2.Sha512,
           F.KDF.PBKDF2.Default, {}, F.KDF.BcryptMinCost, F.KDF.ScryptMinN,
           F.KDF.SodiumOps, F.KDF.SodiumMem};
    for (const ArgonPair &A : F.KDF.Argon2)
      KDF.Argon2Acceptable.push_back({A.T, A.MKiB});
    auto Fill = [](llvm::StringSet<> &Set, const std::vector<std::string> &From) {
      for (const std::string &S : From)
        Set.insert(S);
    };
    Fill(RandomFunctions, F.Random.Functions);
    Fill(RandomEngines, F.Random.Engines);
    Fill(Predictable, F.Random.Predictable);
    for (const auto *Set : {&F.Random.Functions, &F.Random.Predictable})
      for (llvm::StringRef S : *Set)
        RandomLastNames.insert(S.rsplit("::").second.empty() ? S : S.rsplit("::").second);
    Fill(AuthDelegates, F.AuthDelegates);
    Fill(FastDigests, F.FastDigests);
  }

  static CompiledWeakRule compile(WeakRule W) {
    auto RE = std::make_unique<re2::RE2>(W.Match, re2::RE2::Quiet);
    if (!RE->ok())
      llvm::report_fatal_error(llvm::Twine("vibeguard: crypto.yaml: bad regex '") +
                               W.Match + "': " + RE->error());
    return {std::move(W), std::move(RE)};
  }
};

/// Whether a name has any of \p C's terms as a word run (not necessarily its head).
bool containsTerm(const NameClassifier &C, llvm::StringRef Name) {
  std::vector<std::string> Words = splitIdentifierWords(Name);
  // Each word on its own, and the whole name, so "hmacSign" and "encrypt_block" count.
  for (const std::string &W : Words)
    if (C.headLabel(W))
      return true;
  return C.headLabel(Name) != 0;
}
} // namespace

Role crypto::classifyRole(llvm::StringRef Name) {
  return static_cast<Role>(CryptoModel::get().Roles.headLabel(Name));
}

llvm::StringRef crypto::roleName(Role R) {
  switch (R) {
  case Role::Key:
    return "key";
  case Role::IV:
    return "IV";
  case Role::Salt:
    return "salt";
  case Role::Token:
  case Role::GenericToken:
    return "token";
  case Role::Password:
    return "password";
  case Role::MAC:
    return "MAC";
  case Role::Digest:
    return "digest";
  case Role::None:
    break;
  }
  return "";
}

bool crypto::isCryptoFunctionName(llvm::StringRef Name) {
  return containsTerm(CryptoModel::get().FunctionWords, Name);
}

bool crypto::hasSecurityContextWord(llvm::StringRef Name) {
  return containsTerm(CryptoModel::get().ContextWords, Name);
}

const Fingerprint *crypto::matchSequence(llvm::ArrayRef<uint64_t> Values) {
  for (const Fingerprint &F : CryptoModel::get().Fingerprints) {
    if (F.Sequence.empty() || Values.size() < F.Sequence.size())
      continue;
    for (size_t I = 0; I + F.Sequence.size() <= Values.size(); ++I)
      if (std::equal(F.Sequence.begin(), F.Sequence.end(), Values.begin() + I))
        return &F;
  }
  return nullptr;
}

const Fingerprint *crypto::matchSet(const llvm::DenseSet<uint64_t> &Values) {
  for (const Fingerprint &F : CryptoModel::get().Fingerprints) {
    if (F.Set.empty())
      continue;
    unsigned Hits = 0;
    for (uint64_t V : F.Set)
      Hits += Values.count(V);
    if (Hits >= F.Min)
      return &F;
  }
  return nullptr;
}

llvm::StringRef crypto::matchFingerprintString(llvm::StringRef Text) {
  for (const FingerprintString &S : CryptoModel::get().Strings)
    if (Text.contains(S.Text))
      return S.What;
  return "";
}

namespace {
/// Checks rule \p W (whose pattern matched) against the call's arguments.
std::optional<WeakAlgorithm>
applyWeakRule(const WeakRule &W, unsigned NumArgs,
              llvm::function_ref<std::string(unsigned)> ArgName) {
  if (W.Arg == -2)
    return WeakAlgorithm{W.Algorithm, W.Why, W.Always, ""};
  for (unsigned I = 0; I != NumArgs; ++I) {
    if (W.Arg >= 0 && unsigned(W.Arg) != I)
      continue;
    std::string Spelled = ArgName(I);
    if (!Spelled.empty() && llvm::is_contained(W.Names, Spelled))
      return WeakAlgorithm{W.Algorithm, W.Why, W.Always, Spelled};
  }
  return std::nullopt;
}

std::optional<WeakAlgorithm>
findWeak(const std::vector<CompiledWeakRule> &Rules, llvm::StringRef Name,
         unsigned NumArgs, llvm::function_ref<std::string(unsigned)> ArgName) {
  re2::StringPiece In(Name.data(), Name.size());
  for (const CompiledWeakRule &C : Rules)
    if (re2::RE2::PartialMatch(In, *C.RE))
      if (auto W = applyWeakRule(C.Rule, NumArgs, ArgName))
        return W;
  return std::nullopt;
}
} // namespace

std::vector<unsigned> crypto::weakFunctionCandidates(llvm::StringRef Function) {
  std::vector<int> Hits;
  CryptoModel::get().WeakFunctionSet->Match(
      re2::StringPiece(Function.data(), Function.size()), &Hits);
  std::sort(Hits.begin(), Hits.end());
  return std::vector<unsigned>(Hits.begin(), Hits.end());
}

std::optional<WeakAlgorithm>
crypto::applyWeakFunction(llvm::ArrayRef<unsigned> Candidates, unsigned NumArgs,
                          llvm::function_ref<std::string(unsigned)> ArgName) {
  for (unsigned I : Candidates)
    if (auto W = applyWeakRule(CryptoModel::get().WeakFunctions[I], NumArgs, ArgName))
      return W;
  return std::nullopt;
}

std::optional<WeakAlgorithm>
crypto::findWeakFunction(llvm::StringRef Function, unsigned NumArgs,
                         llvm::function_ref<std::string(unsigned)> ArgName) {
  return applyWeakFunction(weakFunctionCandidates(Function), NumArgs, ArgName);
}

std::optional<WeakAlgorithm> crypto::findWeakClass(llvm::StringRef QualifiedName) {
  return findWeak(CryptoModel::get().WeakClasses, QualifiedName, 0,
                  [](unsigned) { return std::string(); });
}

const KeyParameters *crypto::findKeyParameters(llvm::StringRef Function) {
  const auto &M = CryptoModel::get().KeyParams;
  auto It = M.find(Function);
  return It == M.end() ? nullptr : &It->second;
}

const KDFGuidance &crypto::kdfGuidance() { return CryptoModel::get().KDF; }

bool crypto::isInsecureRandomFunction(llvm::StringRef Q) {
  return CryptoModel::get().RandomFunctions.count(Q);
}
bool crypto::isInsecureRandomEngine(llvm::StringRef Q) {
  return CryptoModel::get().RandomEngines.count(Q);
}
bool crypto::mayBeRandomOrPredictable(llvm::StringRef Name) {
  return CryptoModel::get().RandomLastNames.count(Name);
}
bool crypto::isPredictableSource(llvm::StringRef Q) {
  return CryptoModel::get().Predictable.count(Q);
}
bool crypto::isAuthDelegate(llvm::StringRef Name) {
  return CryptoModel::get().AuthDelegates.count(Name);
}
bool crypto::isFastDigest(llvm::StringRef Name) {
  return CryptoModel::get().FastDigests.count(Name);
}
