//===- Catalog.cpp - Loading and validating the rule catalog ---------------===//
#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Support/Embedded.h"
#include "vibeguard/Support/YAML.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

using namespace vibeguard;

namespace {
struct RulesFile {
  std::vector<Rule> Rules;
};
struct AnnexFile {
  std::vector<Control> Controls;
};
struct CweGroup {
  std::string Name;
  std::vector<std::string> Controls;
  std::vector<unsigned> CWE;
};
struct CweFile {
  std::vector<std::string> Default;
  std::vector<CweGroup> Groups;
};
struct ControlRefs {
  std::vector<ControlRef> Primary;
  std::vector<ControlRef> Related;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(Rule)
LLVM_YAML_IS_SEQUENCE_VECTOR(Control)
LLVM_YAML_IS_SEQUENCE_VECTOR(ControlRef)
LLVM_YAML_IS_SEQUENCE_VECTOR(CweGroup)

namespace llvm::yaml {
template <> struct MappingTraits<ControlRef> {
  static void mapping(IO &Io, ControlRef &R) {
    Io.mapRequired("control", R.Control);
    Io.mapRequired("rationale", R.Rationale);
  }
};
template <> struct MappingTraits<ControlRefs> {
  static void mapping(IO &Io, ControlRefs &R) {
    Io.mapRequired("primary", R.Primary);
    Io.mapOptional("related", R.Related);
  }
};
template <> struct MappingTraits<Rule> {
  static void mapping(IO &Io, Rule &R) {
    Io.mapRequired("id", R.Id);
    Io.mapRequired("family", R.Family);
    Io.mapRequired("title", R.Title);
    Io.mapRequired("summary", R.Summary);
    Io.mapRequired("severity", R.Severity);
    Io.mapRequired("precision", R.Precision);
    Io.mapRequired("cwe", R.CWE);
    Io.mapOptional("owasp", R.Owasp);
    Io.mapOptional("owasp-llm", R.OwaspLLM);
    ControlRefs Refs{R.PrimaryControls, R.RelatedControls};
    Io.mapRequired("iso27001", Refs);
    R.PrimaryControls = std::move(Refs.Primary);
    R.RelatedControls = std::move(Refs.Related);
    Io.mapRequired("remediation", R.Remediation);
    Io.mapOptional("line-may-hold-secret", R.LineMayHoldSecret, false);
  }
};
template <> struct MappingTraits<Control> {
  static void mapping(IO &Io, Control &C) {
    Io.mapRequired("id", C.Id);
    Io.mapRequired("theme", C.Theme);
    Io.mapRequired("title", C.Title);
  }
};
template <> struct MappingTraits<CweGroup> {
  static void mapping(IO &Io, CweGroup &G) {
    Io.mapRequired("name", G.Name);
    Io.mapRequired("controls", G.Controls);
    Io.mapRequired("cwe", G.CWE);
  }
};
template <> struct MappingTraits<CweFile> {
  static void mapping(IO &Io, CweFile &F) {
    Io.mapRequired("default", F.Default);
    Io.mapRequired("groups", F.Groups);
  }
};
template <> struct MappingTraits<RulesFile> {
  static void mapping(IO &Io, RulesFile &F) { Io.mapRequired("rules", F.Rules); }
};
template <> struct MappingTraits<AnnexFile> {
  static void mapping(IO &Io, AnnexFile &F) {
    Io.mapRequired("controls", F.Controls);
  }
};
} // namespace llvm::yaml

namespace {
llvm::Error invalid(llvm::StringRef Name, const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s: %s",
                                 Name.str().c_str(), Msg.str().c_str());
}

bool isOneOf(llvm::StringRef V, std::initializer_list<llvm::StringRef> Set) {
  return std::find(Set.begin(), Set.end(), V) != Set.end();
}
} // namespace

llvm::StringRef vibeguard::securitySeverityOf(llvm::StringRef Severity) {
  if (Severity == "critical")
    return "9.5";
  if (Severity == "high")
    return "8.0";
  if (Severity == "medium")
    return "5.5";
  return "3.0";
}

llvm::Expected<std::unique_ptr<Catalog>>
Catalog::parse(llvm::StringRef RulesYAML, llvm::StringRef RulesName,
               llvm::StringRef AnnexYAML, llvm::StringRef AnnexName) {
  AnnexFile Annex;
  if (auto Err = parseYAML(AnnexYAML, AnnexName, Annex))
    return std::move(Err);
  RulesFile RulesF;
  if (auto Err = parseYAML(RulesYAML, RulesName, RulesF))
    return std::move(Err);

  auto C = std::make_unique<Catalog>();
  llvm::StringSet<> ControlIds;
  for (const Control &Ctl : Annex.Controls) {
    if (!ControlIds.insert(Ctl.Id).second)
      return invalid(AnnexName, "control '" + Ctl.Id + "' is listed twice");
    if (!isOneOf(Ctl.Theme, {"organizational", "people", "physical", "technological"}))
      return invalid(AnnexName, "control '" + Ctl.Id + "' has unknown theme '" +
                                    Ctl.Theme + "'");
  }
  llvm::StringSet<> RuleIds;
  for (const Rule &R : RulesF.Rules) {
    auto Bad = [&](const llvm::Twine &Msg) {
      return invalid(RulesName, "rule '" + R.Id + "': " + Msg);
    };
    if (!llvm::StringRef(R.Id).starts_with("vibeguard-"))
      return Bad("id must start with 'vibeguard-'");
    if (!RuleIds.insert(R.Id).second)
      return Bad("listed twice");
    if (!isOneOf(R.Family, {"crypto", "auth", "secrets", "llm", "injection"}))
      return Bad("unknown family '" + R.Family + "'");
    if (!isOneOf(R.Severity, {"critical", "high", "medium", "low"}))
      return Bad("unknown severity '" + R.Severity + "'");
    if (!isOneOf(R.Precision, {"very-high", "high", "medium", "low"}))
      return Bad("unknown precision '" + R.Precision + "'");
    if (R.CWE.empty())
      return Bad("names no CWE");
    if (R.PrimaryControls.empty())
      return Bad("names no primary ISO 27001 control");
    for (const auto *Refs : {&R.PrimaryControls, &R.RelatedControls})
      for (const ControlRef &Ref : *Refs) {
        if (!ControlIds.count(Ref.Control))
          return Bad("names control '" + Ref.Control +
                     "', which is not in ISO/IEC 27001:2022 Annex A");
        if (Ref.Rationale.empty())
          return Bad("control '" + Ref.Control + "' has no rationale");
      }
  }
  CweFile Cwe;
  if (auto Err = parseYAML(embedded::cweControls(), "<builtin>/cwe-controls.yaml", Cwe))
    return std::move(Err);
  for (const std::vector<std::string> *Ctls : [&] {
         std::vector<const std::vector<std::string> *> V{&Cwe.Default};
         for (const CweGroup &G : Cwe.Groups)
           V.push_back(&G.Controls);
         return V;
       }())
    for (const std::string &Ctl : *Ctls)
      if (!ControlIds.count(Ctl))
        return invalid("<builtin>/cwe-controls.yaml",
                       "control '" + Ctl + "' is not in ISO/IEC 27001:2022 Annex A");
  C->Cwe.Default = Cwe.Default;
  for (const CweGroup &G : Cwe.Groups)
    for (unsigned N : G.CWE)
      C->Cwe.Groups.push_back({N, G.Controls});
  C->Rules = std::move(RulesF.Rules);
  C->Controls = std::move(Annex.Controls);
  return std::move(C);
}

const Catalog &Catalog::builtin() {
  static const Catalog *Builtin = [] {
    auto C = parse(embedded::rules(), "<builtin>/rules.yaml", embedded::annexA(),
                   "<builtin>/annex-a.yaml");
    if (!C) // The build's own tests validate the embedded data; this cannot happen.
      llvm::report_fatal_error(C.takeError());
    return C->release();
  }();
  return *Builtin;
}

llvm::Expected<std::unique_ptr<Catalog>>
Catalog::loadRulesFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s",
                                   Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parse((*Buf)->getBuffer(), Path, embedded::annexA(),
               "<builtin>/annex-a.yaml");
}

const Rule *Catalog::findRule(llvm::StringRef Id) const {
  for (const Rule &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

const Control *Catalog::findControl(llvm::StringRef Id) const {
  for (const Control &C : Controls)
    if (C.Id == Id)
      return &C;
  return nullptr;
}

std::vector<const Rule *> Catalog::rulesForControl(llvm::StringRef ControlId,
                                                   bool Primary) const {
  std::vector<const Rule *> Out;
  for (const Rule &R : Rules)
    for (const ControlRef &Ref : Primary ? R.PrimaryControls : R.RelatedControls)
      if (Ref.Control == ControlId) {
        Out.push_back(&R);
        break;
      }
  return Out;
}

std::vector<std::string> CweMap::controlsFor(const std::vector<unsigned> &CWEs) const {
  std::vector<std::string> Out;
  for (unsigned N : CWEs)
    for (const auto &[Id, Ctls] : Groups)
      if (Id == N)
        for (const std::string &C : Ctls)
          if (!llvm::is_contained(Out, C))
            Out.push_back(C);
  return Out.empty() ? Default : Out;
}
