//===- Evidence.cpp - Writing and verifying signed evidence packs -------------===//
#include "vibeguard/Support/Files.h"
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Report/Evidence.h"
#include "vibeguard/Report/Triage.h"
#include "vibeguard/Config.h"
#include "vibeguard/Support/Embedded.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

using namespace vibeguard;
using namespace vibeguard::report;

namespace {
constexpr llvm::StringLiteral ManifestName = "manifest.json";
constexpr llvm::StringLiteral Format = "vibeguard-evidence/1";

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s", Msg.str().c_str());
}

std::string base64(llvm::ArrayRef<unsigned char> Data) {
  std::string Out(4 * ((Data.size() + 2) / 3) + 1, '\0');
  int N = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(Out.data()), Data.data(),
                          Data.size());
  Out.resize(N);
  return Out;
}

std::string canonical(llvm::json::Object O) {
  // llvm::json prints object keys sorted: the same manifest gives the same bytes.
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::json::Value(std::move(O));
  return S;
}

/// Loads the Ed25519 key in \p Path; private keys sign, either kind verifies.
EVP_PKEY *loadKey(llvm::StringRef Path, bool Private, std::string &Err) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    Err = (Path + ": cannot read: " + Buf.getError().message()).str();
    return nullptr;
  }
  BIO *Bio = BIO_new_mem_buf((*Buf)->getBufferStart(), (*Buf)->getBufferSize());
  EVP_PKEY *Key = PEM_read_bio_PrivateKey(Bio, nullptr, nullptr, nullptr);
  if (!Key && !Private) {
    BIO_reset(Bio);
    Key = PEM_read_bio_PUBKEY(Bio, nullptr, nullptr, nullptr);
  }
  BIO_free(Bio);
  if (!Key || EVP_PKEY_base_id(Key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(Key);
    Err = (Path + ": not a PEM Ed25519 " + (Private ? "private " : "") + "key").str();
    return nullptr;
  }
  return Key;
}

/// An identifier of the key that reveals nothing of it.
std::string keyId(const SigningKey &K, EVP_PKEY *Ed) {
  if (K.Algorithm == SigningKey::HMAC)
    return sha256Hex("vibeguard-hmac-key-id\0" + K.Secret).substr(0, 16);
  unsigned char Pub[32];
  size_t Len = sizeof Pub;
  EVP_PKEY_get_raw_public_key(Ed, Pub, &Len);
  return sha256Hex(llvm::StringRef(reinterpret_cast<char *>(Pub), Len)).substr(0, 16);
}

llvm::Expected<llvm::json::Object> sign(llvm::StringRef Data, const SigningKey &K) {
  if (K.Algorithm == SigningKey::HMAC) {
    if (K.Secret.size() < 16)
      return fail("the HMAC key is shorter than 16 bytes");
    unsigned char Mac[EVP_MAX_MD_SIZE];
    unsigned MacLen = 0;
    HMAC(EVP_sha256(), K.Secret.data(), K.Secret.size(),
         reinterpret_cast<const unsigned char *>(Data.data()), Data.size(), Mac, &MacLen);
    return llvm::json::Object{{"algorithm", "HMAC-SHA256"},
                              {"keyId", keyId(K, nullptr)},
                              {"value", base64(llvm::ArrayRef(Mac, MacLen))}};
  }
  std::string Err;
  EVP_PKEY *Key = loadKey(K.PemPath, /*Private=*/true, Err);
  if (!Key)
    return fail(Err);
  EVP_MD_CTX *Ctx = EVP_MD_CTX_new();
  unsigned char Sig[64];
  size_t SigLen = sizeof Sig;
  bool Ok = EVP_DigestSignInit(Ctx, nullptr, nullptr, nullptr, Key) == 1 &&
            EVP_DigestSign(Ctx, Sig, &SigLen,
                           reinterpret_cast<const unsigned char *>(Data.data()),
                           Data.size()) == 1;
  std::string Id = keyId(K, Key);
  EVP_MD_CTX_free(Ctx);
  EVP_PKEY_free(Key);
  if (!Ok)
    return fail(K.PemPath + ": Ed25519 signing failed");
  return llvm::json::Object{{"algorithm", "Ed25519"},
                            {"keyId", Id},
                            {"value", base64(llvm::ArrayRef(Sig, SigLen))}};
}

/// Whether \p Signature (from a manifest) is valid for \p Data under \p K.
bool verifySignature(llvm::StringRef Data, llvm::StringRef Alg, llvm::StringRef Value,
                     const SigningKey &K, std::string &Problem) {
  if ((K.Algorithm == SigningKey::HMAC) != (Alg == "HMAC-SHA256")) {
    Problem = ("signature is " + Alg + ", but the key given is " +
               (K.Algorithm == SigningKey::HMAC ? "an HMAC key" : "an Ed25519 key"))
                  .str();
    return false;
  }
  if (K.Algorithm == SigningKey::HMAC) {
    auto Expected = sign(Data, K);
    if (!Expected) {
      Problem = llvm::toString(Expected.takeError());
      return false;
    }
    llvm::StringRef Want = *Expected->getString("value");
    // Constant time: the MAC is a secret-derived value.
    if (Want.size() == Value.size() &&
        CRYPTO_memcmp(Want.data(), Value.data(), Want.size()) == 0)
      return true;
    Problem = "signature does not verify: wrong key, or the manifest was edited";
    return false;
  }
  std::string Err;
  EVP_PKEY *Key = loadKey(K.PemPath, /*Private=*/false, Err);
  if (!Key) {
    Problem = Err;
    return false;
  }
  std::string Sig(Value.size(), '\0');
  int N = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(Sig.data()),
                          reinterpret_cast<const unsigned char *>(Value.data()), Value.size());
  EVP_MD_CTX *Ctx = EVP_MD_CTX_new();
  bool Ok = N >= 64 && EVP_DigestVerifyInit(Ctx, nullptr, nullptr, nullptr, Key) == 1 &&
            EVP_DigestVerify(Ctx, reinterpret_cast<const unsigned char *>(Sig.data()), 64,
                             reinterpret_cast<const unsigned char *>(Data.data()),
                             Data.size()) == 1;
  EVP_MD_CTX_free(Ctx);
  EVP_PKEY_free(Key);
  if (!Ok)
    Problem = "signature does not verify: wrong key, or the manifest was edited";
  return Ok;
}
} // namespace

std::string report::sha256Hex(llvm::StringRef Data) {
  unsigned char Md[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  EVP_Digest(Data.data(), Data.size(), Md, &Len, EVP_sha256(), nullptr);
  return llvm::toHex(llvm::ArrayRef(Md, Len), /*LowerCase=*/true);
}

llvm::Error report::writeEvidencePack(llvm::StringRef Dir,
                                      const std::map<std::string, std::string> &Artifacts,
                                      llvm::json::Object Scope, const SigningKey &Key) {
  if (llvm::sys::fs::exists(Dir))
    return fail(Dir + ": already exists; an evidence pack is written once");
  llvm::SmallString<256> Tmp(Dir);
  Tmp += ".partial";
  llvm::sys::fs::remove_directories(Tmp);
  if (std::error_code EC = llvm::sys::fs::create_directories(Tmp))
    return fail(Tmp + ": cannot create: " + EC.message());
  auto Abandon = [&](const llvm::Twine &Msg) {
    llvm::sys::fs::remove_directories(Tmp);
    return fail(Msg);
  };
  llvm::json::Array Listed;
  for (const auto &[Name, Contents] : Artifacts) {
    llvm::SmallString<256> P(Tmp);
    llvm::sys::path::append(P, Name);
    if (std::string Err = writeFile(P, Contents); !Err.empty())
      return Abandon(Err);
    Listed.push_back(llvm::json::Object{{"path", Name},
                                        {"sha256", sha256Hex(Contents)},
                                        {"bytes", static_cast<int64_t>(Contents.size())}});
  }
  std::string Catalog = (embedded::rules() + "\n" + embedded::annexA()).str();
  llvm::json::Object Manifest{
      {"format", Format},
      {"tool", llvm::json::Object{{"name", "vibeguard"},
                                  {"version", VIBEGUARD_VERSION},
                                  {"clang", VIBEGUARD_CLANG_VERSION}}},
      {"rulesDigest", sha256Hex(Catalog)},
      // The data the rules decide with: secret formats, crypto fingerprints and
      // thresholds, the CWE map for other tools, the default taint model.
      {"modelsDigest",
       llvm::json::Object{{"secrets.yaml", sha256Hex(embedded::secrets())},
                          {"crypto.yaml", sha256Hex(embedded::crypto())},
                          {"cwe-controls.yaml", sha256Hex(embedded::cweControls())},
                          {"taint-default.yaml", sha256Hex(embedded::taintDefault())}}},
      {"createdAt", utcNow("%Y-%m-%dT%H:%M:%SZ")},
      {"scope", std::move(Scope)},
      {"artifacts", std::move(Listed)}};
  llvm::json::Object Unsigned = Manifest; // NOLINT: one deliberate copy
  auto Signature = sign(canonical(std::move(Unsigned)), Key);
  if (!Signature)
    return Abandon(llvm::toString(Signature.takeError()));
  Manifest["signature"] = std::move(*Signature);
  llvm::SmallString<256> M(Tmp);
  llvm::sys::path::append(M, ManifestName);
  if (std::string Err = writeFile(
          M, llvm::formatv("{0:2}\n", llvm::json::Value(std::move(Manifest))).str());
      !Err.empty())
    return Abandon(Err);
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Dir))
    return Abandon(Dir + ": cannot create: " + EC.message());
  return llvm::Error::success();
}

llvm::Expected<std::vector<std::string>>
report::verifyEvidencePack(llvm::StringRef Dir, const SigningKey &Key) {
  llvm::SmallString<256> M(Dir);
  llvm::sys::path::append(M, ManifestName);
  auto Buf = llvm::MemoryBuffer::getFile(M);
  if (!Buf)
    return fail(M + ": cannot read: " + Buf.getError().message());
  auto Json = vibeguard::parseJSON((*Buf)->getBuffer());
  if (!Json)
    return fail(M + ": invalid JSON: " + llvm::toString(Json.takeError()));
  llvm::json::Object *Manifest = Json->getAsObject();
  const llvm::json::Array *Artifacts = Manifest ? Manifest->getArray("artifacts") : nullptr;
  const llvm::json::Object *Signature = Manifest ? Manifest->getObject("signature") : nullptr;
  if (!Manifest || Manifest->getString("format") != Format || !Artifacts || !Signature)
    return fail(M + ": not a vibeguard evidence manifest");

  std::vector<std::string> Problems;
  llvm::StringSet<> Listed;
  for (const llvm::json::Value &V : *Artifacts) {
    const llvm::json::Object *A = V.getAsObject();
    std::optional<llvm::StringRef> Path = A ? A->getString("path") : std::nullopt;
    std::optional<llvm::StringRef> Hash = A ? A->getString("sha256") : std::nullopt;
    if (!Path || !Hash || Path->contains("/") || Path->contains("..")) {
      Problems.push_back("manifest lists a malformed artifact entry");
      continue;
    }
    Listed.insert(*Path);
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, *Path);
    auto File = llvm::MemoryBuffer::getFile(P, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!File)
      Problems.push_back(("missing: " + *Path).str());
    else if (sha256Hex((*File)->getBuffer()) != *Hash)
      Problems.push_back(("modified: " + *Path).str());
  }
  std::error_code EC;
  std::vector<std::string> Added;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name != ManifestName && !Listed.count(Name))
      Added.push_back(("added: " + Name).str());
  }
  std::sort(Added.begin(), Added.end());
  Problems.insert(Problems.end(), Added.begin(), Added.end());

  std::string Alg = Signature->getString("algorithm").value_or("").str();
  std::string Value = Signature->getString("value").value_or("").str();
  Manifest->erase("signature"); // what was signed: the manifest without its signature
  std::string Problem;
  if (!verifySignature(canonical(std::move(*Manifest)), Alg, Value, Key, Problem))
    Problems.push_back(Problem);
  return Problems;
}
