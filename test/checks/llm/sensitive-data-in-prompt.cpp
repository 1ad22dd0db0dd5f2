// RUN: %check_clang_tidy %s vibeguard-llm-sensitive-data-in-prompt %t -- -I%llama_include -I%S

#include "common.h"
#include "Inputs/openai.hpp"
#include <curl/curl.h>
#include <httplib.h>
#include <string>

using J = nlohmann::json;

struct Patient {
  std::string full_name;
  std::string diagnosis;
  std::string ssn;
  int email_count;
};

std::string redact_pii(const std::string &text);

static const char *const kChatURL = "https://api.openai.com/v1/chat/completions";

static void post(const std::string &payload) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, kChatURL);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: personal data from 'diagnosis' is sent to a remote language model in the body of a request to https://api.openai.com/v1/chat/completions (CURLOPT_POSTFIELDS); mask or remove it before it leaves, or use a model the data may go to [vibeguard-llm-sensitive-data-in-prompt]
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

void triage(const Patient &p) {
  J body = {{"model", "gpt-4o"},
            {"messages", J::array({{{"role", "user"}, {"content", "Suggest tests for " + p.diagnosis}}})}};
  post(body.dump());
}

void ask_claude(const std::string &customer_email, const std::string &question) {
  httplib::Client cli("https://api.anthropic.com");
  httplib::Headers headers = {{"anthropic-version", "2023-06-01"}};
  J body = {{"model", "claude-sonnet-4-5"},
            {"messages", J::array({{{"role", "user"}, {"content", question + " (from " + customer_email + ")"}}})}};
  cli.Post("/v1/messages", headers, body.dump(), "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: personal data from 'customer_email' is sent to a remote language model in the body of a request to https://api.anthropic.com/v1/messages (httplib::Client::Post)
}

void with_client(const std::string &api_key, const std::string &topic) {
  openai::chat().create(J{{"model", "gpt-4o"}, {"messages", J::array({{{"role", "user"}, {"content", "key " + api_key}}})}});
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a credential from 'api_key' is sent to a remote language model in argument 1 of 'create'

  // Safe lookalikes.
  openai::chat().create(J{{"model", "gpt-4o"}, {"messages", J::array({{{"role", "user"}, {"content", topic}}})}});
}

void safe(const Patient &p, llama_context *ctx, const std::string &api_key) {
  // Masked before it leaves.
  J masked = {{"messages", J::array({{{"role", "user"}, {"content", redact_pii(p.ssn)}}})}};
  post(masked.dump());
  // A local model: the data stays on the machine.
  common_tokenize(ctx, "Patient " + p.full_name + " has " + p.diagnosis, true);
  // A local server.
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "http://localhost:11434/api/generate");
  std::string local = "{\"prompt\":\"" + p.ssn + "\"}";
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, local.c_str());
  // The key in a header is how the API authenticates, not part of the prompt.
  struct curl_slist *hdrs = curl_slist_append(nullptr, ("Authorization: Bearer " + api_key).c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  // A count is not personal data.
  post(std::to_string(p.email_count));
}
