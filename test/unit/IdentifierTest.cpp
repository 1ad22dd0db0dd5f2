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
