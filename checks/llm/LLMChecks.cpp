//===- LLMChecks.cpp - vibeguard-llm-* -----------------------------------------===//
#include "LLMChecks.h"

#include "llvm/ADT/StringSwitch.h"

namespace vibeguard::tidy {

using taint::Flow;

// vibeguard-llm-prompt-injection ---------------------------------------------------

PromptInjectionCheck::PromptInjectionCheck(llvm::StringRef Name,
                                           clang::tidy::ClangTidyContext *Ctx)
    : TaintCheck(Name, Ctx, "user-input;network;file"),
      ReportUserRole(Options.get("ReportUserRoleMessages", false)) {}

void PromptInjectionCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  TaintCheck::storeOptions(Opts);
  Options.store(Opts, "ReportUserRoleMessages", ReportUserRole);
}

bool PromptInjectionCheck::accepts(const Flow &F) const {
  return F.Sink.Kind == "llm-prompt" && untrusted(F);
}

namespace {
bool spliced(const Flow &F) {
  return (F.Flags & (taint::Spliced | taint::SystemRole)) || F.Sink.Role == "system";
}
bool ownUserMessage(const Flow &F) {
  return !spliced(F) && !(F.Flags & taint::ParseSpecial) &&
         ((F.Flags & taint::UserRole) || F.Sink.Role == "user");
}
} // namespace

int PromptInjectionCheck::rank(const Flow &F) const {
  if (F.Flags & taint::ParseSpecial)
    return 3;
  if (spliced(F))
    return 2;
  return ownUserMessage(F) ? 0 : 1;
}

bool PromptInjectionCheck::reported(const Flow &F) const {
  return ReportUserRole || !ownUserMessage(F);
}

std::string PromptInjectionCheck::message(const Flow &F) const {
  std::string Head = origin(F) + " reaches " + F.Sink.What;
  if (F.Flags & taint::ParseSpecial)
    return Head + " and is tokenized with special-token parsing on: it can forge the "
                  "model's control tokens; tokenize untrusted text with "
                  "parse_special=false and keep it in its own user message";
  if (spliced(F))
    return Head + ", spliced into the prompt's instruction text (prompt injection); "
                  "pass it as a separate user-role message and keep the instructions "
                  "constant";
  if (ownUserMessage(F))
    return Head + " as its own user-role message; keep the system prompt constant "
                  "and treat the model's answer as untrusted";
  return Head + " with no separation from the instructions (prompt injection); pass "
                "it as a separate user-role message and keep the instructions constant";
}

// vibeguard-llm-sensitive-data-in-prompt -------------------------------------------

SensitiveDataInPromptCheck::SensitiveDataInPromptCheck(llvm::StringRef Name,
                                                       clang::tidy::ClangTidyContext *Ctx)
    : TaintCheck(Name, Ctx, "secret;pii") {}

bool SensitiveDataInPromptCheck::accepts(const Flow &F) const {
  return F.Sink.Kind == "llm-prompt" && F.Sink.Remote && untrusted(F);
}

std::string SensitiveDataInPromptCheck::message(const Flow &F) const {
  return origin(F) + " is sent to a remote language model in " + F.Sink.What +
         "; mask or remove it before it leaves, or use a model the data may go to";
}

// vibeguard-llm-output-to-sink -----------------------------------------------------

OutputToSinkCheck::OutputToSinkCheck(llvm::StringRef Name,
                                     clang::tidy::ClangTidyContext *Ctx)
    : TaintCheck(Name, Ctx, "llm-output") {}

bool OutputToSinkCheck::accepts(const Flow &F) const {
  llvm::StringRef K = F.Sink.Kind;
  return (K == "command" || K == "sql" || K == "path" || K == "format" || K == "code") &&
         untrusted(F);
}

std::string OutputToSinkCheck::message(const Flow &F) const {
  llvm::StringRef Risk = llvm::StringSwitch<llvm::StringRef>(F.Sink.Kind)
                             .Case("command", "a command the model chose is run")
                             .Case("sql", "SQL the model wrote is executed")
                             .Case("path", "a path the model chose is opened")
                             .Case("format", "a format string the model wrote is used")
                             .Case("code", "code the model named is loaded")
                             .Default("");
  return origin(F) + " reaches " + F.Sink.What + " (" + Risk.str() +
         "); validate the output against an allowlist of expected values first";
}

} // namespace vibeguard::tidy
