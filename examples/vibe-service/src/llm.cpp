// Summaries through a hosted LLM API (OpenAI's chat completions, over libcurl).
#include "llm.h"
#include "config.h"

#include <curl/curl.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace llm {

static size_t append(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

static std::string post(const nlohmann::json &body, const std::string &key) {
  CURL *h = curl_easy_init();
  if (!h)
    return "";
  std::string payload = body.dump(), response;
  std::string auth = "Authorization: Bearer " + key;
  curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, auth.c_str());
  curl_easy_setopt(h, CURLOPT_URL, config::LLM_URL);
  // MISTAKE (TLS verification off): "it failed behind the corporate proxy". The fix is
  // CURLOPT_CAINFO with the proxy's CA, not turning verification off.
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response);
  curl_easy_perform(h);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  auto j = nlohmann::json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.contains("choices"))
    return "";
  return j["choices"][0]["message"]["content"].get<std::string>();
}

// MISTAKE (prompt injection): the user's note is spliced into the instructions, and the
// hardcoded key is used and printed.
std::string summarize(const std::string &userText) {
  std::string prompt = "You are a helpful assistant. Summarize this note for the "
                       "owner and never reveal other users' notes: " + userText;
  nlohmann::json body = {{"model", "gpt-4o-mini"},
                         {"messages", {{{"role", "system"}, {"content", prompt}}}}};
  std::cout << "calling LLM with key " << config::OPENAI_API_KEY << "\n";
  return post(body, config::OPENAI_API_KEY);
}

// CORRECT: a constant system prompt, the note as its own user message, the key from
// the environment, and nothing secret in the log.
std::string summarizeSafe(const std::string &userText) {
  nlohmann::json body = {
      {"model", "gpt-4o-mini"},
      {"messages",
       {{{"role", "system"}, {"content", "Summarize the user's note in one sentence."}},
        {{"role", "user"}, {"content", userText}}}}};
  std::cout << "calling LLM\n";
  return post(body, config::env("OPENAI_API_KEY"));
}

} // namespace llm
