// RUN: %check_clang_tidy %s vibeguard-llm-output-to-sink %t -- -I%llama_include -I%S

#include "llama.h"
#include "common.h"
#include "Inputs/openai.hpp"
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <sqlite3.h>
#include <string>
#include <vector>

using J = nlohmann::json;

bool is_allowed_command(const std::string &cmd);

static std::string generate(llama_context *ctx, const llama_vocab *vocab,
                            const std::vector<llama_token> &toks) {
  std::string out;
  for (llama_token t : toks) {
    char piece[64];
    int n = llama_token_to_piece(vocab, t, piece, sizeof piece, 0, false);
    out.append(piece, n);
  }
  return out;
}

void agent(llama_context *ctx, const llama_vocab *vocab, const std::vector<llama_token> &toks,
           sqlite3 *db) {
  std::string cmd = generate(ctx, vocab, toks);
  system(cmd.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: model output from 'llama_token_to_piece' reaches argument 1 of 'system' (a command the model chose is run); validate the output against an allowlist of expected values first [vibeguard-llm-output-to-sink]
  std::string sql;
  for (llama_token t : toks)
    sql += common_token_to_piece(ctx, t);
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: model output from 'common_token_to_piece' reaches argument 2 of 'sqlite3_exec' (SQL the model wrote is executed)

  // Safe: checked against an allowlist; printed as data.
  if (is_allowed_command(cmd))
    system(cmd.c_str());
  printf("%s\n", sql.c_str());
}

void tools() {
  J reply = openai::chat().create(J{{"model", "gpt-4o"}, {"messages", J::array()}});
  std::string plugin = reply["choices"][0]["message"]["content"].get<std::string>();
  void *lib = dlopen(plugin.c_str(), RTLD_NOW);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: model output from 'create' reaches argument 1 of 'dlopen' (code the model named is loaded)
  FILE *f = fopen(("/tmp/" + plugin).c_str(), "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: model output from 'create' reaches argument 1 of 'fopen' (a path the model chose is opened)
  if (f)
    fclose(f);
  dlclose(lib);
  dlopen("libm.so.6", RTLD_NOW); // a fixed library
}
