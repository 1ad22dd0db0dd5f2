//===- TaintRules.cpp - The injection and LLM rules' questions ----------------===//
#include "vibeguard/Analysis/TaintRules.h"
#include "vibeguard/Secrets/Secrets.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <map>
#include <tuple>

using namespace vibeguard;
using namespace vibeguard::taint;

std::string taint::describeOrigin(const Flow &F) {
  llvm::StringRef P = llvm::StringSwitch<llvm::StringRef>(F.Source.Kind)
                          .Case("user-input", "user input")
                          .Case("environment", "environment data")
                          .Case("network", "network data")
                          .Case("file", "file contents")
                          .Case("llm-output", "model output")
                          .Case("secret", "a credential")
                          .Case("pii", "personal data")
                          .Default(F.Source.Kind);
  return (P + " from " + F.Source.What).str();
}

RuleOptions TaintRule::defaults() const {
  RuleOptions O;
  O.SourceKinds = secrets::splitList(defaultSourceKinds());
  return O;
}

bool TaintRule::accepts(const Flow &F, const RuleOptions &O) const {
  return takesSink(F) && llvm::is_contained(O.SourceKinds, F.Source.Kind);
}

std::vector<const Flow *> TaintRule::select(const std::vector<Flow> &Flows,
                                            const RuleOptions &O) const {
  std::map<std::tuple<std::string, unsigned, unsigned>, const Flow *> BySink;
  for (const Flow &F : Flows) {
    if (!accepts(F, O))
      continue;
    const Flow *&Best = BySink[{F.Sink.Where.File, F.Sink.Where.Line, F.Sink.Where.Column}];
    if (!Best || rank(F) > rank(*Best) ||
        (rank(F) == rank(*Best) && F.Steps.size() < Best->Steps.size()))
      Best = &F;
  }
  std::vector<const Flow *> Out;
  for (const auto &[K, F] : BySink)
    if (reported(*F, O))
      Out.push_back(F);
  return Out;
}

namespace {

// vibeguard-injection-* ------------------------------------------------------------

class InjectionRule : public TaintRule {
public:
  InjectionRule(llvm::StringRef Name, llvm::StringRef Kind, llvm::StringRef Risk,
                llvm::StringRef Fix)
      : Name(Name), Kind(Kind), Risk(Risk), Fix(Fix) {}
  llvm::StringRef name() const override { return Name; }
  llvm::StringRef defaultSourceKinds() const override { return "user-input;network"; }
  bool takesSinkKind(llvm::StringRef K) const override { return K == Kind; }
  std::string message(const Flow &F) const override {
    return describeOrigin(F) + " reaches " + F.Sink.What + " (" + Risk + "); " + Fix;
  }

private:
  std::string Name, Kind, Risk, Fix;
};

// vibeguard-llm-prompt-injection ---------------------------------------------------

bool spliced(const Flow &F) {
  return (F.Flags & (Spliced | SystemRole)) || F.Sink.Role == "system";
}
bool ownUserMessage(const Flow &F) {
  return !spliced(F) && !(F.Flags & ParseSpecial) &&
         ((F.Flags & UserRole) || F.Sink.Role == "user");
}

class PromptInjectionRule : public TaintRule {
public:
  llvm::StringRef name() const override { return "vibeguard-llm-prompt-injection"; }
  llvm::StringRef defaultSourceKinds() const override { return "user-input;network;file"; }
  bool takesSinkKind(llvm::StringRef K) const override { return K == "llm-prompt"; }
  int rank(const Flow &F) const override {
    if (F.Flags & ParseSpecial)
      return 3;
    if (spliced(F))
      return 2;
    return ownUserMessage(F) ? 0 : 1;
  }
  bool reported(const Flow &F, const RuleOptions &O) const override {
    return O.ReportUserRoleMessages || !ownUserMessage(F);
  }
  std::string message(const Flow &F) const override {
    std::string Head = describeOrigin(F) + " reaches " + F.Sink.What;
    if (F.Flags & ParseSpecial)
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
};

// vibeguard-llm-sensitive-data-in-prompt -------------------------------------------

class SensitiveDataRule : public TaintRule {
public:
  llvm::StringRef name() const override { return "vibeguard-llm-sensitive-data-in-prompt"; }
  llvm::StringRef defaultSourceKinds() const override { return "secret;pii"; }
  bool takesSinkKind(llvm::StringRef K) const override { return K == "llm-prompt"; }
  bool takesSink(const Flow &F) const override {
    return takesSinkKind(F.Sink.Kind) && F.Sink.Remote;
  }
  std::string message(const Flow &F) const override {
    return describeOrigin(F) + " is sent to a remote language model in " + F.Sink.What +
           "; mask or remove it before it leaves, or use a model the data may go to";
  }
};

// vibeguard-llm-output-to-sink -----------------------------------------------------

class OutputToSinkRule : public TaintRule {
public:
  llvm::StringRef name() const override { return "vibeguard-llm-output-to-sink"; }
  llvm::StringRef defaultSourceKinds() const override { return "llm-output"; }
  bool takesSinkKind(llvm::StringRef K) const override {
    return K == "command" || K == "sql" || K == "path" || K == "format" || K == "code";
  }
  std::string message(const Flow &F) const override {
    llvm::StringRef Risk = llvm::StringSwitch<llvm::StringRef>(F.Sink.Kind)
                               .Case("command", "a command the model chose is run")
                               .Case("sql", "SQL the model wrote is executed")
                               .Case("path", "a path the model chose is opened")
                               .Case("format", "a format string the model wrote is used")
                               .Case("code", "code the model named is loaded")
                               .Default("");
    return describeOrigin(F) + " reaches " + F.Sink.What + " (" + Risk.str() +
           "); validate the output against an allowlist of expected values first";
  }
};

std::vector<std::unique_ptr<TaintRule>> makeRules() {
  std::vector<std::unique_ptr<TaintRule>> R;
  auto Inj = [&](llvm::StringRef Suffix, llvm::StringRef Kind, llvm::StringRef Risk,
                 llvm::StringRef Fix) {
    R.push_back(std::make_unique<InjectionRule>(("vibeguard-injection-" + Suffix).str(),
                                                Kind, Risk, Fix));
  };
  Inj("command", "command", "OS command injection",
      "run the program with an exec-style call and a fixed argument list, or check the "
      "value against an allowlist");
  Inj("format-string", "format", "format string injection",
      "pass it as an argument of a literal format (\"%s\")");
  Inj("header", "header", "HTTP header injection", "reject CR and LF in header values");
  Inj("ldap", "ldap", "LDAP injection", "escape the value for an LDAP filter (RFC 4515)");
  Inj("path-traversal", "path", "path traversal",
      "resolve the path and check that it stays inside the allowed directory");
  Inj("sql", "sql", "SQL injection",
      "use a prepared statement and bind the value as a parameter");
  Inj("ssrf", "url", "server-side request forgery",
      "check the scheme and host against an allowlist before the request");
  Inj("xpath", "xpath", "XPath injection",
      "pass the value as an XPath variable, or reject quotes in it");
  Inj("xss", "html", "cross-site scripting",
      "HTML-escape the value, or send it as text/plain or JSON");
  R.push_back(std::make_unique<OutputToSinkRule>());
  R.push_back(std::make_unique<PromptInjectionRule>());
  R.push_back(std::make_unique<SensitiveDataRule>());
  return R;
}

} // namespace

const std::vector<const TaintRule *> &taint::taintRules() {
  static const std::vector<std::unique_ptr<TaintRule>> Owned = makeRules();
  static const std::vector<const TaintRule *> Rules = [] {
    std::vector<const TaintRule *> V;
    for (const auto &R : Owned)
      V.push_back(R.get());
    return V;
  }();
  return Rules;
}

const TaintRule *taint::findTaintRule(llvm::StringRef CheckName) {
  for (const TaintRule *R : taintRules())
    if (R->name() == CheckName)
      return R;
  return nullptr;
}
