//===- Crypto.h - Recognising cryptography in names, constants and calls ----===//
//
// Shared by the crypto and auth rules: what role a name plays (key, IV, salt, token,
// password, MAC, digest), whether a table or a function holds the constants of a real
// primitive, which library calls select broken algorithms, which arguments of crypto
// APIs are keys/IVs/salts, password-KDF work factors, and random sources. The data is
// crypto.yaml; the model is parsed and compiled once per process.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CRYPTO_CRYPTO_H
#define VIBEGUARD_CRYPTO_CRYPTO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vibeguard::crypto {

/// What a value is for, by its name. GenericToken is a bare "token": also a lexer's or
/// a tokenizer's, so rules ask for more context before they count it as a secret.
enum class Role : unsigned {
  None = 0,
  Key,
  IV,
  Salt,
  GenericToken,
  Token,
  Password,
  MAC,
  Digest
};

/// The role of the head term of \p Name ("aes_key_buf" -> Key, "key_len" -> None).
Role classifyRole(llvm::StringRef Name);
/// "key", "IV", "salt", "token", "password", "MAC", "digest".
llvm::StringRef roleName(Role R);

/// Whether \p Name (a function's) says it protects data: encrypt, hash, scramble...
bool isCryptoFunctionName(llvm::StringRef Name);
/// Whether \p Name contains a word that makes a digest security-relevant.
bool hasSecurityContextWord(llvm::StringRef Name);

struct Fingerprint {
  std::string Id, What;
  std::vector<uint64_t> Sequence; ///< in order, in one initializer
  std::vector<uint64_t> Set;      ///< at least Min of them together
  unsigned Min = 0;
};
/// A fingerprint whose sequence occurs in \p Values, in order and contiguous.
const Fingerprint *matchSequence(llvm::ArrayRef<uint64_t> Values);
/// A fingerprint with at least Min of its set in \p Values.
const Fingerprint *matchSet(const llvm::DenseSet<uint64_t> &Values);
/// The primitive whose string constant \p Text is ("expand 32-byte k"), or "".
llvm::StringRef matchFingerprintString(llvm::StringRef Text);

/// A call that selects a broken or weak algorithm.
struct WeakAlgorithm {
  std::string Algorithm; ///< "MD5", "ECB mode", "the cipher"
  std::string Why;       ///< "is broken: collisions take seconds"
  bool Always = false;   ///< false: only in a security context (MD5/SHA-1)
  std::string Spelled;   ///< the argument that named it, if one did
};
/// \p Function is the qualified name (C functions have none: "EVP_md5";
/// "Botan::HashFunction::create"). \p ArgName(i) spells argument i (a macro/enumerator name or a string literal's
/// text); \p NumArgs bounds it.
std::optional<WeakAlgorithm>
findWeakFunction(llvm::StringRef Function, unsigned NumArgs,
                 llvm::function_ref<std::string(unsigned)> ArgName);
/// The two halves of findWeakFunction, for callers that see one function many times:
/// the rules whose name pattern \p Function matches (cache it per function), then the
/// first of them whose argument condition the call meets.
std::vector<unsigned> weakFunctionCandidates(llvm::StringRef Function);
std::optional<WeakAlgorithm>
applyWeakFunction(llvm::ArrayRef<unsigned> Candidates, unsigned NumArgs,
                  llvm::function_ref<std::string(unsigned)> ArgName);
/// A weak algorithm class (Crypto++: CryptoPP::Weak1::MD5, CryptoPP::ECB_Mode<...>).
std::optional<WeakAlgorithm> findWeakClass(llvm::StringRef QualifiedName);

/// Which arguments of a crypto API are a key, an IV/nonce, a salt.
struct KeyParameters {
  std::optional<unsigned> Key, IV, Salt;
  /// Data hashed into a key (CryptHashData before CryptDeriveKey).
  std::optional<unsigned> DerivedKeyData;
};
const KeyParameters *findKeyParameters(llvm::StringRef Function);

/// Password-KDF work factors below current guidance.
struct KDFGuidance {
  uint64_t PBKDF2Sha1, PBKDF2Sha256, PBKDF2Sha512, PBKDF2Default;
  std::vector<std::pair<uint64_t, uint64_t>> Argon2Acceptable; ///< {t, m KiB}
  unsigned BcryptMinCost;
  uint64_t ScryptMinN;
  uint64_t SodiumMinOps, SodiumMinMem;
};
const KDFGuidance &kdfGuidance();

bool isInsecureRandomFunction(llvm::StringRef QualifiedName);
bool isInsecureRandomEngine(llvm::StringRef QualifiedTemplateName);
bool isPredictableSource(llvm::StringRef QualifiedName);
/// Whether a function named \p Name (unqualified) may be a random or predictable
/// source: a cheap test before the qualified name is built.
bool mayBeRandomOrPredictable(llvm::StringRef Name);
/// Fast digests and checksums (MD5, SHA256, EVP_DigestUpdate, crc32...).
bool isFastDigest(llvm::StringRef Name);
/// Functions a login may delegate to instead of comparing passwords itself.
bool isAuthDelegate(llvm::StringRef Name);

} // namespace vibeguard::crypto

#endif
