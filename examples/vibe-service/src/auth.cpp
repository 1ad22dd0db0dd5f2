// Login and sessions, written quickly.
#include "auth.h"
#include "config.h"
#include "db.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/rand.h>

static std::map<std::string, std::string> g_sessions; // session id -> user name

// MISTAKE (homegrown authentication, plaintext password): compares the stored
// plaintext password with strcmp, and logs the password it was given.
bool login(const std::string &name, const std::string &password, std::string &session) {
  User u;
  if (!db::findUser(name, u))
    return false;
  // MISTAKE (vibeguard-secrets-logged): the password goes to the console.
  std::cerr << "login attempt for " << name << " with password " << password << "\n";
  if (strcmp(u.password.c_str(), password.c_str()) != 0 &&
      password != ADMIN_PASSWORD)
    return false;
  session = newSessionId();
  g_sessions[session] = name;
  return true;
}

// MISTAKE (weak password hash): unsalted MD5, used when users register.
static std::string hashPassword(const std::string &password) {
  unsigned char d[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char *>(password.data()), password.size(), d);
  char out[2 * MD5_DIGEST_LENGTH + 1];
  for (int i = 0; i < MD5_DIGEST_LENGTH; ++i)
    snprintf(out + 2 * i, 3, "%02x", d[i]);
  return out;
}

bool registerUser(const std::string &name, const std::string &password) {
  return db::addUser(name, hashPassword(password));
}

// CORRECT: a salted, slow KDF and a constant-time comparison. The stored hash is
// "saltHex:keyHex" made by PKCS5_PBKDF2_HMAC with SHA-256 and 600000 iterations.
bool loginWithHash(const std::string &name, const std::string &password,
                   std::string &session) {
  User u;
  if (!db::findUser(name, u) || u.password_hash.size() != 2 * 16 + 1 + 2 * 32)
    return false;
  unsigned char salt[16], want[32], got[32];
  for (int i = 0; i < 16; ++i)
    salt[i] = std::strtoul(u.password_hash.substr(2 * i, 2).c_str(), nullptr, 16);
  for (int i = 0; i < 32; ++i)
    want[i] = std::strtoul(u.password_hash.substr(33 + 2 * i, 2).c_str(), nullptr, 16);
  if (!PKCS5_PBKDF2_HMAC(password.data(), password.size(), salt, sizeof salt, 600000,
                         EVP_sha256(), sizeof got, got))
    return false;
  if (CRYPTO_memcmp(want, got, sizeof got) != 0)
    return false;
  session = newSessionIdSecure();
  g_sessions[session] = name;
  std::cerr << "user " << name << " logged in\n"; // CORRECT: no secret in the log
  return true;
}

// MISTAKE (predictable session id): rand() seeded with the time.
std::string newSessionId() {
  srand(time(nullptr));
  char buf[33];
  for (int i = 0; i < 32; ++i)
    buf[i] = "0123456789abcdef"[rand() % 16];
  buf[32] = 0;
  return buf;
}

// CORRECT: ids from the OS CSPRNG.
std::string newSessionIdSecure() {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1)
    abort();
  char buf[33];
  for (int i = 0; i < 16; ++i)
    snprintf(buf + 2 * i, 3, "%02x", raw[i]);
  return buf;
}

bool isAdmin(const std::string &session) {
  auto it = g_sessions.find(session);
  return it != g_sessions.end() && it->second == "admin";
}
