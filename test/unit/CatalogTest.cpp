#include "vibeguard/Catalog/Catalog.h"
#include "vibeguard/Support/Embedded.h"
#include "gtest/gtest.h"

using namespace vibeguard;

TEST(Catalog, BuiltinLoadsAndHasAllAnnexAControls) {
  const Catalog &C = Catalog::builtin();
  EXPECT_EQ(C.controls().size(), 93u);
  unsigned PerTheme[4] = {0, 0, 0, 0};
  for (const Control &Ctl : C.controls())
    ++PerTheme[Ctl.Theme == "organizational" ? 0
               : Ctl.Theme == "people"       ? 1
               : Ctl.Theme == "physical"     ? 2
                                             : 3];
  EXPECT_EQ(PerTheme[0], 37u);
  EXPECT_EQ(PerTheme[1], 8u);
  EXPECT_EQ(PerTheme[2], 14u);
  EXPECT_EQ(PerTheme[3], 34u);
  ASSERT_NE(C.findControl("A.8.28"), nullptr);
  EXPECT_EQ(C.findControl("A.8.28")->Title, "Secure coding");
  EXPECT_EQ(C.findControl("A.8.35"), nullptr);
}

TEST(Catalog, RulesNameOnlyAnnexAControls) {
  const Catalog &C = Catalog::builtin();
  ASSERT_FALSE(C.rules().empty());
  for (const Rule &R : C.rules()) {
    EXPECT_FALSE(R.PrimaryControls.empty()) << R.Id;
    for (const auto *Refs : {&R.PrimaryControls, &R.RelatedControls})
      for (const ControlRef &Ref : *Refs)
        EXPECT_NE(C.findControl(Ref.Control), nullptr) << R.Id << " " << Ref.Control;
  }
  EXPECT_FALSE(C.rulesForControl("A.5.17", /*Primary=*/true).empty());
}

static std::string parseError(llvm::StringRef Rules) {
  auto C = Catalog::parse(Rules, "rules.yaml", embedded::annexA(), "annex-a.yaml");
  if (C)
    return "";
  return llvm::toString(C.takeError());
}

static const char *const ValidRule = R"(rules:
  - id: vibeguard-secrets-x
    family: secrets
    title: T
    summary: S
    severity: high
    precision: high
    cwe: [798]
    iso27001:
      primary:
        - { control: A.5.17, rationale: R }
    remediation: Fix.
)";

TEST(Catalog, ValidRuleParses) { EXPECT_EQ(parseError(ValidRule), ""); }

static std::string with(llvm::StringRef From, llvm::StringRef To) {
  std::string S = ValidRule;
  S.replace(S.find(From.str()), From.size(), To.str());
  return S;
}

TEST(Catalog, RejectsControlOutsideAnnexA) {
  EXPECT_EQ(parseError(with("A.5.17", "A.9.99")),
            "rules.yaml: rule 'vibeguard-secrets-x': names control 'A.9.99', which is "
            "not in ISO/IEC 27001:2022 Annex A");
}

TEST(Catalog, RejectsBadFields) {
  EXPECT_NE(parseError(with("severity: high", "severity: urgent")).find("unknown severity"),
            std::string::npos);
  EXPECT_NE(parseError(with("family: secrets", "family: misc")).find("unknown family"),
            std::string::npos);
  EXPECT_NE(parseError(with("cwe: [798]", "cwe: []")).find("names no CWE"),
            std::string::npos);
  EXPECT_NE(parseError(with("vibeguard-secrets-x", "secrets-x")).find("must start"),
            std::string::npos);
}

TEST(Catalog, MalformedYAMLNamesFileAndLine) {
  std::string E = parseError("rules:\n  - id: [unclosed\n");
  EXPECT_EQ(E.rfind("rules.yaml:", 0), 0u) << E;
  std::string Missing = parseError("rules:\n  - id: vibeguard-a\n");
  EXPECT_NE(Missing.find("missing required key"), std::string::npos) << Missing;
}

TEST(Catalog, DuplicateRuleIsRejected) {
  std::string Twice = std::string(ValidRule) +
                      std::string(ValidRule).substr(strlen("rules:\n"));
  EXPECT_NE(parseError(Twice).find("listed twice"), std::string::npos);
}

TEST(Catalog, CweMapReachesAnnexAControls) {
  const CweMap &M = Catalog::builtin().cweMap();
  EXPECT_EQ(M.controlsFor({79}), (std::vector<std::string>{"A.8.28", "A.8.26"}));
  EXPECT_EQ(M.controlsFor({798}), (std::vector<std::string>{"A.8.5", "A.5.17"}));
  EXPECT_EQ(M.controlsFor({327, 532}),
            (std::vector<std::string>{"A.8.24", "A.8.15", "A.8.12"}));
  EXPECT_EQ(M.controlsFor({99999}), M.Default); // unlisted: the stated default
  EXPECT_EQ(M.controlsFor({}), M.Default);
  for (const auto &[Cwe, Ctls] : M.Groups)
    for (const std::string &C : Ctls)
      EXPECT_NE(Catalog::builtin().findControl(C), nullptr) << Cwe << " " << C;
}
