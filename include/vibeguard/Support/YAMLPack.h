//===- YAMLPack.h - Built-in data files, parsed at build time ---------------===//
//
// Every clang-tidy process loads the built-in models (taint-default.yaml, secrets.yaml,
// crypto.yaml). Scanning their YAML text cost each process about 2 ms, 5% of parsing
// an average libxml2 file. At build time vibeguard-yaml-pack turns each into a packed
// node tree (the values already unquoted and unescaped); at run time PackedInput reads
// that tree into the same structs through the same llvm::yaml traits (mapping,
// validate, enums), so the files keep one reader and one set of rules.
//
// Packed form, after the magic "VGYP1\n":
//   node := 'S' len bytes       a scalar (plain, quoted or block), its value
//         | 'N'                 null (an empty value)
//         | 'Q' count node*     a sequence
//         | 'M' count (len key-bytes node)*   a mapping, keys in file order
// with len and count as LEB128 varints.
//
//===----------------------------------------------------------------------===//
#ifndef VIBEGUARD_SUPPORT_YAMLPACK_H
#define VIBEGUARD_SUPPORT_YAMLPACK_H

#include "llvm/Support/Error.h"
#include "llvm/Support/YAMLTraits.h"
#include <string>
#include <vector>

namespace vibeguard {

/// The packed form of the first document of \p Text (named \p Name in errors). Tags,
/// anchors and aliases are refused: the traits reading it never see them.
llvm::Expected<std::string> packYAML(llvm::StringRef Text, llvm::StringRef Name);

/// A llvm::yaml::IO that reads a packed tree as llvm::yaml::Input reads text: missing
/// required keys, unknown keys, wrong node kinds and unknown enumeration values are
/// errors, with the same messages (without a line and column). It is an Input only
/// because the traits of std::optional cast their IO to one, to look for the text
/// "<none>" (which the packer refuses); that Input holds an empty mapping.
class PackedInput : public llvm::yaml::Input {
public:
  explicit PackedInput(llvm::StringRef Packed);

  bool failed() const { return !Error.empty(); }
  const std::string &message() const { return Error; }

  bool outputting() const override { return false; }
  unsigned beginSequence() override;
  bool preflightElement(unsigned Index, void *&Save) override;
  void postflightElement(void *Save) override;
  void endSequence() override {}
  bool canElideEmptySequence() override { return false; }
  unsigned beginFlowSequence() override { return beginSequence(); }
  bool preflightFlowElement(unsigned Index, void *&Save) override {
    return preflightElement(Index, Save);
  }
  void postflightFlowElement(void *Save) override { postflightElement(Save); }
  void endFlowSequence() override {}
  bool mapTag(llvm::StringRef, bool Default) override { return Default; }
  void beginMapping() override;
  void endMapping() override;
  bool preflightKey(const char *Key, bool Required, bool SameAsDefault, bool &UseDefault,
                    void *&Save) override;
  void postflightKey(void *Save) override;
  std::vector<llvm::StringRef> keys() override;
  void beginFlowMapping() override { beginMapping(); }
  void endFlowMapping() override { endMapping(); }
  void beginEnumScalar() override { EnumMatched = false; }
  bool matchEnumScalar(const char *Value, bool) override;
  bool matchEnumFallback() override;
  void endEnumScalar() override;
  bool beginBitSetScalar(bool &DoClear) override;
  bool bitSetMatch(const char *Value, bool) override;
  void endBitSetScalar() override;
  void scalarString(llvm::StringRef &S, llvm::yaml::QuotingType) override;
  void blockScalarString(llvm::StringRef &S) override;
  void scalarTag(std::string &Tag) override { Tag.clear(); }
  llvm::yaml::NodeKind getNodeKind() override;
  void setError(const llvm::Twine &Message) override;
  void setAllowUnknownKeys(bool Allow) override { AllowUnknownKeys = Allow; }

private:
  struct Node {
    char Kind = 'N'; ///< 'S', 'N', 'Q' or 'M'
    bool Used = false; ///< a mapping's entry whose key a trait asked for
    llvm::StringRef Key, Text;
    uint32_t First = 0, Count = 0; ///< children: Nodes[First, First + Count)
  };
  std::vector<Node> Nodes;
  static constexpr uint32_t None = ~0u;
  uint32_t Cur = None;
  bool EnumMatched = false, AllowUnknownKeys = false;
  std::vector<bool> BitsUsed;
  std::string Error;

  bool decode(llvm::StringRef &In, uint32_t Slot, unsigned Depth);
  Node *cur() { return Cur == None ? nullptr : &Nodes[Cur]; }
};

/// Reads packed \p Packed (named \p Name in errors) into \p Out with llvm::yaml traits.
template <typename T>
llvm::Error parsePacked(llvm::StringRef Packed, llvm::StringRef Name, T &Out) {
  PackedInput In(Packed);
  if (!In.failed()) {
    llvm::yaml::EmptyContext Ctx;
    llvm::yaml::yamlize(In, Out, true, Ctx);
  }
  if (!In.failed())
    return llvm::Error::success();
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                 "%s: %s", Name.str().c_str(), In.message().c_str());
}

} // namespace vibeguard

#endif
