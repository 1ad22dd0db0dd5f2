// RUN: %check_clang_tidy %s vibeguard-secrets-known-key-format %t

#include <string>

// Fake keys in the providers' published formats (none of them is live).
const char *aws = "AKIAZ7VRSQ3TLBFUXK4M";
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: literal matches the format of an AWS access key ID 'AKIA...' (20 chars); revoke it and load its replacement at run time [vibeguard-secrets-known-key-format]
std::string gh = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: literal matches the format of a GitHub personal access token 'ghp_...' (40 chars)
const char *openai = "sk-proj-Xq8Lz2Pw9Nc4Rv7Tb1Hy6Km3Jd5Gf0Sa8Qe2Wu4Io7Pl9";
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: literal matches the format of an OpenAI API key 'sk-p...'
const char *anthropic =
    "sk-ant-api03-Zq9xLm2Pw8Nc4Rv7Tb1Hy6Km3Jd5Gf0Sa8Qe2Wu4Io7Pl9Zq9xLm2Pw8Nc4Rv7Tb1Hy6Km3Jd5Gf0Sa8Qe2Wu4Io7AA";
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: literal matches the format of an Anthropic API key 'sk-a...'
const char *slack = "xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1";
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: literal matches the format of a Slack token 'xoxb...'
const char *stripe = "sk_live_51Hx9QkLm2Nc8Pq4Rz7Tv3Wb";
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: literal matches the format of a Stripe secret or restricted key 'sk_l...'
const char *gkey = "AIzaSyD3x8Qm1TfLk0vZP9nY2bW4cR7eH6jU5aA";
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: literal matches the format of a Google API key 'AIza...'
const char *jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJyb290In0.k3Yq9Lx2Pw8Nc4Rv7Tb1Hy6";
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: literal matches the format of a JSON Web Token 'eyJh...'
const char *pem =
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEA2a2rwplBQLzHPZe5RJr9dXyzq9UkqPrQ1bWm7lY3sKpNhTzC\n"
    "-----END RSA PRIVATE KEY-----\n";
// CHECK-MESSAGES: :[[@LINE-3]]:6: warning: literal matches the format of a PEM private key '----...'

// The offset points at the key inside a larger literal.
const char *curl_cmd = "curl -H 'Authorization: token ghp_9z8Y7x6W5v4U3t2S1r0Q9p8O7n6M5l4K3j2I' https://api.github.com";
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: literal matches the format of a GitHub personal access token

// In a comment: "rotate AKIAQ3EGUJ7NLRMC2XDF before release"
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: comment matches the format of an AWS access key ID 'AKIA...' (20 chars)

#define UNUSED_HF_TOKEN "hf_kLmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqR"
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: literal matches the format of a Hugging Face access token 'hf_k...'

#define USED_NPM_TOKEN "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: literal matches the format of an npm access token
const char *npm = USED_NPM_TOKEN; // reported once, at the definition

// ---- Safe lookalikes --------------------------------------------------------------
const char *doc_example = "AKIAIOSFODNN7EXAMPLE";          // AWS's documented example
const char *masked = "AKIAXXXXXXXXXXXXXXXX";                // a placeholder
const char *zeros = "ghp_000000000000000000000000000000000000";
const char *pem_marker = "-----BEGIN RSA PRIVATE KEY-----"; // what a PEM parser looks for
const char *prefix_only = "sk_live_";                       // a prefix check
const char *sha1_hex = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
const char *uuid = "123e4567-e89b-12d3-a456-426614174000";
const char *base64_blob = "SGVsbG8sIFdvcmxkIQ==";
const char *stripe_test_doc = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"; // Stripe's documented key
// Not a key: "AKIA is the prefix of AWS access key IDs"
