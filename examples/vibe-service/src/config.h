// Service configuration.
#pragma once
#include <cstdlib>
#include <string>

namespace config {

// MISTAKE (vibeguard-secrets-known-key-format): a provider key pasted into the source.
// This one is fake, in OpenAI's format.
inline const char *OPENAI_API_KEY = "sk-proj-Q3vT8mLx2Rz9Kp4Nw7Hc1Ys6Bd0Fg5Ja8Ue2Io4Pl7Zq9";

// MISTAKE (vibeguard-secrets-hardcoded-credential): the admin password in the source.
#define ADMIN_PASSWORD "N0tes-Admin-2024!"

// CORRECT: secrets come from the environment (or a secret store) at run time.
inline std::string env(const char *name, const char *fallback = "") {
  const char *v = std::getenv(name);
  return v ? v : fallback;
}
inline std::string anthropicKey() { return env("ANTHROPIC_API_KEY"); }

inline const char *DB_PATH = "notes.db";
inline const char *LLM_URL = "https://api.openai.com/v1/chat/completions";

} // namespace config
