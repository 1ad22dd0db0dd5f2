// RUN: %check_clang_tidy %s vibeguard-llm-prompt-injection %t -- -I%llama_include -I%S
// RUN: %check_clang_tidy --prefix=CHECK-MESSAGES-ROLES %s vibeguard-llm-prompt-injection %t \
// RUN:   -config="{CheckOptions: {vibeguard-llm-prompt-injection.ReportUserRoleMessages: true}}" \
// RUN:   -- -I%llama_include -I%S

#include "llama.h"
#include "common.h"
#include "chat.h"
#include "Inputs/liboai.h"
#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using J = nlohmann::json; // common.h already names nlohmann::ordered_json "json"

// Spliced into the instructions, two calls away from the request.
static std::vector<llama_token> encode(llama_context *ctx, const std::string &prompt) {
  return common_tokenize(ctx, prompt, true);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: user input from 'body' reaches argument 2 of 'common_tokenize', spliced into the prompt's instruction text (prompt injection); pass it as a separate user-role message and keep the instructions constant [vibeguard-llm-prompt-injection]
  // CHECK-MESSAGES-ROLES: :[[@LINE-2]]:31: warning: user input from 'body' reaches argument 2 of 'common_tokenize', spliced
}
static std::vector<llama_token> summarize(llama_context *ctx, const std::string &doc) {
  std::string prompt = "You are a summarizer. Summarize the following document: ";
  prompt += doc;
  return encode(ctx, prompt);
}

void routes(httplib::Server &svr, llama_context *ctx) {
  svr.Post("/summarize", [ctx](const httplib::Request &req, httplib::Response &res) {
    summarize(ctx, req.body);
    res.set_content("ok", "text/plain");
  });
}

// The worst case: special tokens in the input are parsed as control tokens.
int tokenize_arg(const llama_vocab *vocab, const char *text, llama_token *out, int n) {
  return llama_tokenize(vocab, text, (int32_t)strlen(text), out, n, true, true);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: user input from 'argv' of main reaches argument 2 of 'llama_tokenize' and is tokenized with special-token parsing on: it can forge the model's control tokens; tokenize untrusted text with parse_special=false and keep it in its own user message
  // CHECK-MESSAGES-ROLES: :[[@LINE-2]]:32: warning: {{.*}} special-token parsing on
}

// A hosted model over libcurl: the user's text in the system message is spliced; in
// its own user message (with a constant system prompt) it is the intended design.
static void ask(const std::string &question, const std::string &topic) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.openai.com/v1/chat/completions");
  J system_msg = {{"role", "system"}, {"content", "You answer questions about " + topic}};
  J user_msg = {{"role", "user"}, {"content", question}};
  J body = {{"model", "gpt-4o"}, {"messages", J::array({system_msg, user_msg})}};
  std::string payload = body.dump();
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: user input from 'get_param_value' reaches the body of a request to https://api.openai.com/v1/chat/completions (CURLOPT_POSTFIELDS), spliced into the prompt's instruction text
  // CHECK-MESSAGES-ROLES: :[[@LINE-2]]:43: warning: {{.*}}spliced into the prompt's instruction text
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

static void ask_politely(const std::string &question) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.openai.com/v1/chat/completions");
  J messages = J::array();
  messages.push_back({{"role", "system"}, {"content", "You are a helpful assistant."}});
  messages.push_back({{"role", "user"}, {"content", question}});
  J body = {{"model", "gpt-4o"}, {"messages", messages}};
  std::string payload = body.dump();
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  // CHECK-MESSAGES-ROLES: :[[@LINE-1]]:43: warning: user input from 'get_param_value' reaches the body of a request to https://api.openai.com/v1/chat/completions (CURLOPT_POSTFIELDS) as its own user-role message; keep the system prompt constant and treat the model's answer as untrusted
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

void more_routes(httplib::Server &svr) {
  svr.Get("/ask", [](const httplib::Request &req, httplib::Response &) {
    ask(req.get_param_value("q"), req.get_param_value("topic"));
    ask_politely(req.get_param_value("q"));
  });
}

// liboai and llama.cpp's chat templates: the role decides.
void chat(liboai::Conversation &convo, const llama_model *model, const std::string &user_text,
          common_chat_templates *tmpls) {
  convo.SetSystemData("Answer in French.");
  convo.AddUserData(user_text); // its own user message: quiet by default
  // CHECK-MESSAGES-ROLES: :[[@LINE-1]]:21: warning: {{.*}} as its own user-role message
  convo.SetSystemData(user_text);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: file contents from 'getline' reaches argument 1 of 'SetSystemData', spliced into the prompt's instruction text
  // CHECK-MESSAGES-ROLES: :[[@LINE-2]]:23: warning: {{.*}}spliced

  llama_chat_message msgs[] = {{"system", "You are terse."}, {"user", user_text.c_str()}};
  char buf[4096];
  llama_chat_apply_template(nullptr, msgs, 2, true, buf, sizeof buf);
  // CHECK-MESSAGES-ROLES: :[[@LINE-1]]:38: warning: {{.*}} as its own user-role message

  common_chat_msg msg;
  msg.role = "user";
  msg.content = user_text;
  common_chat_templates_inputs inputs;
  inputs.messages.push_back(msg);
  common_chat_templates_apply(tmpls, inputs);
  // CHECK-MESSAGES-ROLES: :[[@LINE-1]]:38: warning: {{.*}} as its own user-role message

  // Safe: constant prompts.
  convo.AddUserData("What is the capital of France?");
  llama_chat_message fixed[] = {{"user", "Say hello."}};
  llama_chat_apply_template(nullptr, fixed, 1, true, buf, sizeof buf);
}

int main(int argc, char **argv) {
  llama_token toks[512];
  tokenize_arg(nullptr, argv[1], toks, 512);
  std::string line;
  std::ifstream in("questions.txt");
  std::getline(in, line);
  liboai::Conversation convo;
  chat(convo, nullptr, line, nullptr);
  return 0;
}
