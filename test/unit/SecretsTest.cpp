#include "vibeguard/Secrets/Secrets.h"
#include "gtest/gtest.h"

using namespace vibeguard::secrets;

TEST(CredentialNames, StrongGenericAndNone) {
  Recognizer R;
  EXPECT_EQ(R.classifyName("password"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("db_password"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("kApiKey"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("APIKEY"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("dbpassword"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("client_secret"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("reset_password_token"), NameStrength::None); // "reset"
  EXPECT_EQ(R.classifyName("user_password_token"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("password_str"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("X-API-Key"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("token"), NameStrength::Generic);
  EXPECT_EQ(R.classifyName("secret"), NameStrength::Generic);
  // The head noun is not the credential.
  EXPECT_EQ(R.classifyName("password_length"), NameStrength::None);
  EXPECT_EQ(R.classifyName("max_password_len"), NameStrength::None);
  EXPECT_EQ(R.classifyName("token_url"), NameStrength::None);
  EXPECT_EQ(R.classifyName("password_prompt"), NameStrength::None);
  EXPECT_EQ(R.classifyName("api_key_header"), NameStrength::None);
  EXPECT_EQ(R.classifyName("num_tokens"), NameStrength::None);
  EXPECT_EQ(R.classifyName("bypass"), NameStrength::None);
  EXPECT_EQ(R.classifyName("compass"), NameStrength::None);
  EXPECT_EQ(R.classifyName("keyboard"), NameStrength::None);
  EXPECT_EQ(R.classifyName("dummy_password"), NameStrength::None);
  EXPECT_EQ(R.classifyName(""), NameStrength::None);
}

TEST(CredentialNames, ExtraNamesAreStrong) {
  Options O;
  O.ExtraNames = {"license_key", "pin"};
  Recognizer R(O);
  EXPECT_EQ(R.classifyName("kLicenseKey"), NameStrength::Strong);
  EXPECT_EQ(R.classifyName("admin_pin"), NameStrength::Strong);
  EXPECT_EQ(Recognizer().classifyName("admin_pin"), NameStrength::None);
}

TEST(CredentialValues, PlaceholdersAndShapes) {
  Recognizer R;
  EXPECT_TRUE(R.isCredentialValue("hunter2", NameStrength::Strong));
  EXPECT_TRUE(R.isCredentialValue("S3cr3t!pass", NameStrength::Strong));
  for (const char *P : {"", "changeme", "<password>", "xxx", "${DB_PASSWORD}", "%s",
                        "your-api-key-here", "********", "password", "REDACTED",
                        "AKIAIOSFODNN7EXAMPLE", "{}", "TODO"})
    EXPECT_FALSE(R.isCredentialValue(P, NameStrength::Strong)) << P;
  // Field/header names, env var names, prose and paths.
  EXPECT_FALSE(R.isCredentialValue("X-API-Key", NameStrength::Strong));
  EXPECT_FALSE(R.isCredentialValue("DB_PASSWORD", NameStrength::Strong));
  EXPECT_FALSE(R.isCredentialValue("Enter your password: ", NameStrength::Strong));
  EXPECT_FALSE(R.isCredentialValue("Please enter the password", NameStrength::Strong));
  EXPECT_FALSE(R.isCredentialValue("/etc/app/secret.key", NameStrength::Strong));
  // Generic names need a random-looking value.
  EXPECT_FALSE(R.isCredentialValue("<|im_start|>", NameStrength::Generic));
  EXPECT_FALSE(R.isCredentialValue("identifier", NameStrength::Generic));
  EXPECT_FALSE(R.isCredentialValue("abc", NameStrength::Generic));
  EXPECT_TRUE(R.isCredentialValue("tk_9f8a7sd6f5a4s3d2", NameStrength::Generic));
}

TEST(CredentialValues, AllowlistAndEntropyOptions) {
  Options O;
  O.AllowedValuesRegex = "^test-";
  O.MinEntropy = 4.5;
  Recognizer R(O);
  EXPECT_FALSE(R.isCredentialValue("test-password-1", NameStrength::Strong));
  EXPECT_TRUE(R.isCredentialValue("prod-password-1", NameStrength::Strong));
  EXPECT_FALSE(R.isCredentialValue("tk_9f8a7sd6f5a4s3d2", NameStrength::Generic));
  EXPECT_TRUE(bool(validateRegex("(", "AllowedValues")));
  llvm::consumeError(validateRegex("(", "AllowedValues"));
}

TEST(KnownKeys, FindsProviderFormats) {
  Recognizer R;
  auto First = [&](llvm::StringRef T) {
    auto V = R.findKnownKeys(T);
    return V.empty() ? std::string("none") : V.front().Pattern->Id;
  };
  EXPECT_EQ(First("AKIAZ7VRSQ3TLBFUXK4M"), "aws-access-key-id");
  EXPECT_EQ(First("token=ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"), "github-pat");
  EXPECT_EQ(First("xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"),
            "slack-token");
  EXPECT_EQ(First("AIzaSyD3x8Qm1TfLk0vZP9nY2bW4cR7eH6jU5aA"), "google-api-key");
  EXPECT_EQ(First("sk_live_51Hx9QkLm2Nc8Pq4Rz7Tv3Wb"), "stripe-secret-key");
  EXPECT_EQ(First("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA2a2rwplBQLzHPZe5"
                  "RJr9dXyzq9UkqPrQ1b"),
            "private-key");
  // Placeholders, documented examples, and markers without key material.
  EXPECT_EQ(First("AKIAXXXXXXXXXXXXXXXX"), "none");
  EXPECT_EQ(First("AKIAIOSFODNN7EXAMPLE"), "none");
  EXPECT_EQ(First("-----BEGIN RSA PRIVATE KEY-----"), "none");
  EXPECT_EQ(First("ghp_000000000000000000000000000000000000"), "none");
  EXPECT_EQ(First("short"), "none");
}

TEST(EmbeddedCredentials, HeadersUrlsConnectionStrings) {
  Recognizer R;
  auto Id = [&](llvm::StringRef T) {
    auto M = R.findEmbeddedCredential(T);
    return M ? M->Pattern->Id + ":" + M->Secret : std::string("none");
  };
  EXPECT_EQ(Id("Authorization: Bearer abcdef123456"), "authorization-header:abcdef123456");
  EXPECT_EQ(Id("postgres://app:s3cretPw@db.internal:5432/app"), "url-userinfo:s3cretPw");
  EXPECT_EQ(Id("host=db user=app password=Tr0ub4dor dbname=x"),
            "connection-string-password:Tr0ub4dor");
  EXPECT_EQ(Id("DRIVER={ODBC};UID=sa;PWD={Pa55word!};"),
            "connection-string-password:Pa55word!");
  EXPECT_EQ(Id("Authorization: Bearer %s"), "none");
  EXPECT_EQ(Id("host=db password=%s"), "none");
  EXPECT_EQ(Id("https://user:${PASS}@host/"), "none");
  EXPECT_EQ(Id("https://example.com/path"), "none");
  // SQL parameter markers and public credentials are not secrets.
  EXPECT_EQ(Id("UPDATE users SET password = :pw WHERE id = :id"), "none");
  EXPECT_EQ(Id("UPDATE users SET password=@newpw"), "none");
  EXPECT_EQ(Id("ftp://anonymous:guest@ftp.example.org/pub"), "none");
}

TEST(Masking, ShowsOnlyAShortPrefix) {
  EXPECT_EQ(maskSecret("AKIAZ7VRSQ3TLBFUXK4M"), "'AKIA...' (20 chars)");
  EXPECT_EQ(maskSecret("hunter2"), "'h...' (7 chars)");
  EXPECT_EQ(maskSecret("abc"), "'...' (3 chars)");
}

TEST(Entropy, Basics) {
  EXPECT_DOUBLE_EQ(shannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abcd"), 2.0);
}
