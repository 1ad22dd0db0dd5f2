// RUN: %check_clang_tidy %s vibeguard-auth-predictable-session-id %t -- -Wno-deprecated-declarations

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <openssl/md5.h>
#include <openssl/rand.h>
#include <random>
#include <string>
#include <unistd.h>

std::string new_session_id() {
  srand(time(nullptr));
  std::string id;
  for (int i = 0; i < 32; ++i)
    id += "0123456789abcdef"[rand() % 16];
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: token 'new_session_id()' is made from 'rand', which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)
  return id;
}

std::string make_csrf_token() {
  std::mt19937_64 gen(static_cast<unsigned long>(time(nullptr)));
  return std::to_string(gen());
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: token 'make_csrf_token()' is made from 'std::mersenne_twister_engine', which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)
}

struct Reset {
  std::string reset_token;
  int otp;
};

void start_reset(Reset &r, const std::string &user) {
  r.reset_token = std::to_string(std::hash<std::string>{}(user + std::to_string(time(nullptr))));
  // CHECK-MESSAGES: :[[@LINE-1]]:81: warning: token 'reset_token' is made from 'time' (hashing does not make it unpredictable), which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)
  r.otp = rand() % 1000000;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: token 'otp' is made from 'rand', which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)
}

static unsigned long g_next_session = 1000;
std::string allocate_session() {
  unsigned long session_id = ++g_next_session;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: token 'session_id' is made from the counter 'g_next_session', which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)
  return std::to_string(session_id);
}

void api_key_from_pid(char *api_key, size_t n) { snprintf(api_key, n, "key-%d", getpid()); }
// CHECK-MESSAGES: :[[@LINE-1]]:81: warning: token 'api_key' is made from 'getpid', which an attacker can predict or enumerate; generate it from RAND_bytes, getrandom or randombytes_buf (at least 128 bits)

// ---- Safe lookalikes --------------------------------------------------------------
std::string secure_session_id() {
  unsigned char raw[16];
  RAND_bytes(raw, sizeof raw);
  char hex[33];
  for (int i = 0; i < 16; ++i)
    snprintf(hex + 2 * i, 3, "%02x", raw[i]);
  return hex;
}

long request_timestamp() { return time(nullptr); }   // a time is fine as a time

static int g_requests = 0;
void count_request() { ++g_requests; }                // a counter that is no token

int pick_server(int n) { return rand() % n; }         // load balancing

void log_session_start(const std::string &session_id) {
  printf("%s started at %ld\n", session_id.c_str(), (long)time(nullptr));
}
