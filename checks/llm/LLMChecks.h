//===- LLMChecks.h - vibeguard-llm-* -------------------------------------------===//
//
// Three questions about the prompts a program sends to a language model (llama.cpp,
// ONNX Runtime GenAI, the OpenAI/Ollama C++ clients, or an HTTP request to a hosted
// model's API) and about what comes back:
//   vibeguard-llm-prompt-injection         untrusted input reaches a prompt
//   vibeguard-llm-sensitive-data-in-prompt credentials or personal data reach a prompt
//                                          that leaves the machine
//   vibeguard-llm-output-to-sink           model output reaches a command, SQL, path,
//                                          format or code-loading sink
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_CHECKS_LLM_LLMCHECKS_H
#define VIBEGUARD_CHECKS_LLM_LLMCHECKS_H

#include "../taint/TaintCheck.h"

namespace vibeguard::tidy {

/// Untrusted input (SourceKinds; default user input, network data and file contents,
/// the last for indirect injection through documents) reaches a prompt. The finding
/// says how: tokenized with special-token parsing on (the worst case: the input can
/// forge control tokens), spliced into instruction or system text, or only reaching the
/// prompt. Passed as its own user-role message with nothing spliced, it is the intended
/// design and stays quiet unless ReportUserRoleMessages is true.
class PromptInjectionCheck : public TaintCheck {
public:
  PromptInjectionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  bool accepts(const taint::Flow &F) const override;
  bool reported(const taint::Flow &F) const override;
  int rank(const taint::Flow &F) const override;
  std::string message(const taint::Flow &F) const override;

private:
  bool ReportUserRole;
};

/// Credentials and personal data (SourceKinds; default secret and pii) reach a prompt
/// sent to a remote model (a hosted API; a local llama.cpp model is not remote).
class SensitiveDataInPromptCheck : public TaintCheck {
public:
  SensitiveDataInPromptCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);

protected:
  bool accepts(const taint::Flow &F) const override;
  std::string message(const taint::Flow &F) const override;
};

/// Model output (SourceKinds; default llm-output) reaches a command, SQL, path, format
/// or code-loading sink.
class OutputToSinkCheck : public TaintCheck {
public:
  OutputToSinkCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);

protected:
  bool accepts(const taint::Flow &F) const override;
  std::string message(const taint::Flow &F) const override;
};

} // namespace vibeguard::tidy

#endif
