#include "vibeguard/Crypto/Crypto.h"
#include "gtest/gtest.h"

using namespace vibeguard::crypto;

TEST(CryptoRoles, HeadTermDecides) {
  EXPECT_EQ(classifyRole("aes_key"), Role::Key);
  EXPECT_EQ(classifyRole("kEncryptionKey"), Role::Key);
  EXPECT_EQ(classifyRole("iv"), Role::IV);
  EXPECT_EQ(classifyRole("nonce_buf"), Role::IV);
  EXPECT_EQ(classifyRole("salt"), Role::Salt);
  EXPECT_EQ(classifyRole("session_id"), Role::Token);
  EXPECT_EQ(classifyRole("csrfToken"), Role::Token);
  EXPECT_EQ(classifyRole("reset_token"), Role::Token);
  EXPECT_EQ(classifyRole("otp"), Role::Token);
  EXPECT_EQ(classifyRole("password"), Role::Password);
  EXPECT_EQ(classifyRole("expected_mac"), Role::MAC);
  EXPECT_EQ(classifyRole("signature"), Role::MAC);
  EXPECT_EQ(classifyRole("password_hash"), Role::Digest);
  EXPECT_EQ(classifyRole("session_key"), Role::Key);
  EXPECT_EQ(classifyRole("api_key"), Role::Token);
  EXPECT_EQ(classifyRole("zToken"), Role::GenericToken);
  EXPECT_EQ(classifyRole("auth_token"), Role::Token);
  // Not roles.
  EXPECT_EQ(classifyRole("key_len"), Role::None);
  EXPECT_EQ(classifyRole("num_keys"), Role::None);
  EXPECT_EQ(classifyRole("tag"), Role::None);      // an XML tag
  EXPECT_EQ(classifyRole("monkey"), Role::None);
  EXPECT_EQ(classifyRole("hash_table"), Role::None);
  EXPECT_EQ(classifyRole("archive"), Role::None);
}

TEST(CryptoNames, FunctionsAndContext) {
  EXPECT_TRUE(isCryptoFunctionName("encrypt_block"));
  EXPECT_TRUE(isCryptoFunctionName("xorScramble"));
  EXPECT_TRUE(isCryptoFunctionName("my_hash"));
  EXPECT_FALSE(isCryptoFunctionName("parse_header"));
  EXPECT_TRUE(hasSecurityContextWord("hash_password"));
  EXPECT_TRUE(hasSecurityContextWord("verifySignature"));
  EXPECT_FALSE(hasSecurityContextWord("file_checksum"));
  EXPECT_FALSE(hasSecurityContextWord("etag_for"));
}

TEST(CryptoFingerprints, TablesAndSets) {
  std::vector<uint64_t> Sbox = {0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f,
                                0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe};
  ASSERT_NE(matchSequence(Sbox), nullptr);
  EXPECT_EQ(matchSequence(Sbox)->Id, "aes-sbox");
  std::vector<uint64_t> Crc = {0x00000000, 0x77073096, 0xee0e612c, 0x990951ba};
  EXPECT_EQ(matchSequence(Crc), nullptr);
  llvm::DenseSet<uint64_t> Md5 = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  ASSERT_NE(matchSet(Md5), nullptr);
  EXPECT_EQ(matchSet(Md5)->Id, "md-iv");
  llvm::DenseSet<uint64_t> Partial = {0x67452301, 0xefcdab89};
  EXPECT_EQ(matchSet(Partial), nullptr);
  EXPECT_EQ(matchFingerprintString("expand 32-byte k"),
            "the ChaCha/Salsa20 constant");
  EXPECT_EQ(matchFingerprintString("expand the table"), "");
}

TEST(CryptoWeak, FunctionsArgumentsAndClasses) {
  auto None = [](unsigned) { return std::string(); };
  auto W = findWeakFunction("EVP_aes_128_ecb", 0, None);
  ASSERT_TRUE(W.has_value());
  EXPECT_EQ(W->Algorithm, "ECB mode");
  EXPECT_TRUE(W->Always);
  auto M = findWeakFunction("EVP_md5", 0, None);
  ASSERT_TRUE(M.has_value());
  EXPECT_FALSE(M->Always);
  EXPECT_FALSE(findWeakFunction("EVP_aes_256_gcm", 0, None).has_value());
  EXPECT_FALSE(findWeakFunction("EVP_sha256", 0, None).has_value());
  auto Calg = findWeakFunction("CryptCreateHash", 5, [](unsigned I) {
    return I == 1 ? std::string("CALG_MD5") : std::string();
  });
  ASSERT_TRUE(Calg.has_value());
  EXPECT_EQ(Calg->Spelled, "CALG_MD5");
  EXPECT_FALSE(findWeakFunction("CryptCreateHash", 5, [](unsigned I) {
                 return I == 1 ? std::string("CALG_SHA_256") : std::string();
               }).has_value());
  auto Fetch = findWeakFunction("EVP_CIPHER_fetch", 3, [](unsigned I) {
    return I == 1 ? std::string("DES-EDE3-CBC") : std::string();
  });
  ASSERT_TRUE(Fetch.has_value());
  EXPECT_TRUE(findWeakClass("CryptoPP::Weak1::MD5").has_value());
  EXPECT_TRUE(findWeakClass("CryptoPP::ECB_Mode<CryptoPP::AES>::Encryption").has_value());
  EXPECT_FALSE(findWeakClass("CryptoPP::SHA256").has_value());
  EXPECT_EQ(findWeakClass("CryptoPP::Weak1::MD4")->Algorithm, "MD4");
  // Botan by its own qualified names only: someone else's create() is not Botan's.
  auto Md5Name = [](unsigned) { return std::string("MD5"); };
  EXPECT_TRUE(findWeakFunction("Botan::HashFunction::create", 1, Md5Name).has_value());
  EXPECT_FALSE(findWeakFunction("Widget::create", 1, Md5Name).has_value());
}

TEST(CryptoData, ParametersKdfAndRandom) {
  const KeyParameters *P = findKeyParameters("EVP_EncryptInit_ex");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(*P->Key, 3u);
  EXPECT_EQ(*P->IV, 4u);
  EXPECT_EQ(findKeyParameters("printf"), nullptr);
  EXPECT_EQ(kdfGuidance().PBKDF2Sha256, 600000u);
  EXPECT_EQ(kdfGuidance().BcryptMinCost, 10u);
  EXPECT_TRUE(isInsecureRandomFunction("rand"));
  EXPECT_TRUE(isInsecureRandomEngine("std::mersenne_twister_engine"));
  EXPECT_TRUE(isPredictableSource("time"));
  EXPECT_EQ(kdfGuidance().ScryptMinN, 131072u);
  EXPECT_TRUE(isAuthDelegate("pam_authenticate"));
}
