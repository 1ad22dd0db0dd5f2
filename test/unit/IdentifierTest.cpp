#include "vibeguard/Support/Identifier.h"
#include "gtest/gtest.h"

using vibeguard::splitIdentifierWords;
using V = std::vector<std::string>;

TEST(Identifier, SplitsCasesAndSeparators) {
  EXPECT_EQ(splitIdentifierWords("kDbPassword"), (V{"k", "db", "password"}));
  EXPECT_EQ(splitIdentifierWords("DB_PASSWORD"), (V{"db", "password"}));
  EXPECT_EQ(splitIdentifierWords("api-key"), (V{"api", "key"}));
  EXPECT_EQ(splitIdentifierWords("HTTPServerToken"), (V{"http", "server", "token"}));
  EXPECT_EQ(splitIdentifierWords("m_apiKey2"), (V{"m", "api", "key2"}));
  EXPECT_EQ(splitIdentifierWords("X-API-Key"), (V{"x", "api", "key"}));
  EXPECT_EQ(splitIdentifierWords("Password: "), (V{"password"}));
  EXPECT_EQ(splitIdentifierWords(""), V{});
}

#include "vibeguard/Support/NameClassifier.h"

TEST(NameClassifier, HeadTermDecides) {
  vibeguard::NameClassifier C;
  enum { Key = 1, IV = 2, Digest = 3 };
  C.addTerm("key", Key);
  C.addTerm("iv", IV);
  C.addTerm("hash", Digest);
  C.addTerm("hash key", Key); // longer terms win at the same position
  C.addTrailingWord("buf");
  C.addNegation("num");
  EXPECT_EQ(C.headLabel("aes_key_buf"), Key);
  EXPECT_EQ(C.headLabel("kIV"), IV);
  EXPECT_EQ(C.headLabel("key_iv"), IV);          // the head is the last term
  EXPECT_EQ(C.headLabel("hashKey"), Key);
  // Terms do not overlap: "hash key" is one term, not "hash key" then "key".
  C.addTerm("api key", Digest);
  EXPECT_EQ(C.headLabel("api_key"), Digest);
  EXPECT_EQ(C.headLabel("key_length"), 0u);      // "length" is not a trailing word
  EXPECT_EQ(C.headLabel("num_keys"), 0u);
  EXPECT_EQ(C.headLabel("num_key"), 0u);         // negated
  EXPECT_EQ(C.headLabel("archive"), 0u);         // short terms match whole words only
  EXPECT_EQ(C.headLabel("monkey"), 0u);
  EXPECT_EQ(C.headLabel("password_hash2"), Digest); // digits may follow
  EXPECT_EQ(C.headLabel("key2"), Key);
  EXPECT_EQ(C.headLabel("keyboard2"), 0u);
}
