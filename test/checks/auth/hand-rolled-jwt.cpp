// RUN: %check_clang_tidy %s vibeguard-auth-hand-rolled-jwt %t

#include <cstring>
#include <jwt.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

std::string base64url_decode(const std::string &in);
std::string hmac_sha256(const std::string &key, const std::string &data);

bool verify_jwt(const std::string &token, const std::string &key) {
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'verify_jwt' handles JWTs by hand (splits on '.', base64-decodes the parts, reads "alg", handles "none", compares the signature with '=='); use a maintained JWT library (libjwt, jwt-cpp) that pins the algorithm and verifies the signature in constant time
  size_t a = token.find('.'), b = token.rfind('.');
  std::string header = base64url_decode(token.substr(0, a));
  std::string payload = base64url_decode(token.substr(a + 1, b - a - 1));
  std::string signature = base64url_decode(token.substr(b + 1));
  auto h = nlohmann::json::parse(header);
  if (h["alg"] == "none")
    return true;
  return signature == hmac_sha256(key, token.substr(0, b));
}

std::vector<std::string> parse_bearer(const std::string &bearer) {
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: function 'parse_bearer' handles JWTs by hand (splits on '.', base64-decodes the parts); use a maintained JWT library (libjwt, jwt-cpp) that pins the algorithm and verifies the signature in constant time
  std::vector<std::string> parts;
  std::stringstream ss(bearer);
  std::string part;
  while (std::getline(ss, part, '.'))
    parts.push_back(base64url_decode(part));
  return parts;
}

// ---- Safe lookalikes --------------------------------------------------------------
bool verify_with_libjwt(const char *token, const unsigned char *key, int keylen) {
  jwt_t *jwt = nullptr;
  if (jwt_decode(&jwt, token, key, keylen) != 0)
    return false;
  bool ok = jwt_get_alg(jwt) == JWT_ALG_HS256;
  jwt_free(jwt);
  return ok;
}

// Splitting a host name and decoding base64 have nothing to do with JWTs.
std::string domain_of(const std::string &host) {
  return host.substr(host.find('.') + 1);
}
std::string decode_attachment(const std::string &b64) { return base64url_decode(b64); }
