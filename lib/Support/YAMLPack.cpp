//===- YAMLPack.cpp - Built-in data files, parsed at build time -------------===//
#include "vibeguard/Support/YAMLPack.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

using namespace vibeguard;
namespace yaml = llvm::yaml;

static constexpr llvm::StringLiteral Magic = "VGYP1\n";

namespace {
void putVarint(std::string &Out, uint64_t V) {
  do {
    uint8_t B = V & 0x7f;
    V >>= 7;
    Out += char(V ? B | 0x80 : B);
  } while (V);
}

bool getVarint(llvm::StringRef &In, uint32_t &V) {
  uint64_t R = 0;
  for (unsigned Shift = 0; Shift < 35; Shift += 7) {
    if (In.empty())
      return false;
    uint8_t B = In.front();
    In = In.drop_front();
    R |= uint64_t(B & 0x7f) << Shift;
    if (!(B & 0x80)) {
      if (R > UINT32_MAX)
        return false;
      V = uint32_t(R);
      return true;
    }
  }
  return false;
}

void putString(std::string &Out, llvm::StringRef S) {
  putVarint(Out, S.size());
  Out += S;
}

/// Writes \p N; false (with \p Err set) on what the packed form does not hold.
bool pack(yaml::Node *N, std::string &Out, std::string &Err, yaml::Stream &S) {
  if (!N)
    return false;
  auto Fail = [&](yaml::Node *At, const llvm::Twine &Msg) {
    S.printError(At, Msg);
    if (Err.empty())
      Err = Msg.str();
    return false;
  };
  if (!N->getRawTag().empty())
    return Fail(N, "tags are not supported in a built-in data file");
  if (!N->getAnchor().empty())
    return Fail(N, "anchors are not supported in a built-in data file");
  if (auto *SN = llvm::dyn_cast<yaml::ScalarNode>(N)) {
    // Input reads "<none>" as "no value" for a std::optional; PackedInput cannot.
    if (SN->getRawValue().rtrim(' ') == "<none>")
      return Fail(N, "'<none>' is not supported in a built-in data file");
    llvm::SmallString<128> Storage;
    Out += 'S';
    putString(Out, SN->getValue(Storage));
    return true;
  }
  if (auto *BN = llvm::dyn_cast<yaml::BlockScalarNode>(N)) {
    Out += 'S';
    putString(Out, BN->getValue());
    return true;
  }
  if (llvm::isa<yaml::NullNode>(N)) {
    Out += 'N';
    return true;
  }
  if (auto *SQ = llvm::dyn_cast<yaml::SequenceNode>(N)) {
    std::string Items;
    uint64_t Count = 0;
    for (yaml::Node &Item : *SQ) {
      if (!pack(&Item, Items, Err, S))
        return false;
      ++Count;
    }
    Out += 'Q';
    putVarint(Out, Count);
    Out += Items;
    return true;
  }
  if (auto *M = llvm::dyn_cast<yaml::MappingNode>(N)) {
    std::string Entries;
    std::vector<std::string> Keys;
    for (yaml::KeyValueNode &KV : *M) {
      auto *K = llvm::dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
      if (!K)
        return Fail(KV.getKey() ? KV.getKey() : N, "Map key must be a scalar");
      llvm::SmallString<64> Storage;
      std::string Key = K->getValue(Storage).str();
      if (llvm::is_contained(Keys, Key))
        return Fail(K, "duplicate key '" + Key + "'");
      Keys.push_back(Key);
      yaml::Node *V = KV.getValue();
      if (!V)
        return Fail(K, "Map value must not be empty");
      putString(Entries, Key);
      if (!pack(V, Entries, Err, S))
        return false;
    }
    Out += 'M';
    putVarint(Out, Keys.size());
    Out += Entries;
    return true;
  }
  return Fail(N, "aliases are not supported in a built-in data file");
}
} // namespace

llvm::Expected<std::string> vibeguard::packYAML(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::SourceMgr SM;
  std::string FirstError;
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Ctx) {
        auto &S = *static_cast<std::string *>(Ctx);
        if (S.empty())
          S = (llvm::Twine(D.getLineNo()) + ":" + llvm::Twine(D.getColumnNo() + 1) + ": " +
               D.getMessage())
                  .str();
      },
      &FirstError);
  yaml::Stream Strm(Text, SM);
  std::string Out(Magic), Err;
  auto Doc = Strm.begin();
  bool Ok = true;
  if (Doc == Strm.end())
    Out += 'N';
  else
    Ok = pack(Doc->getRoot(), Out, Err, Strm);
  if (Ok && !Strm.failed())
    return Out;
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                 "%s:%s", Name.str().c_str(),
                                 FirstError.empty() ? " malformed YAML"
                                                    : FirstError.c_str());
}

// ---------------------------------------------------------------------------------

PackedInput::PackedInput(llvm::StringRef Packed) : Input("{}") {
  Input::setCurrentDocument(); // what processKeyWithDefault's cast finds: not a scalar
  if (!Packed.consume_front(Magic)) {
    Error = "not a packed data file";
    return;
  }
  Nodes.emplace_back();
  if (!decode(Packed, 0, 0) || !Packed.empty()) {
    Error = "damaged packed data file";
    Nodes.clear();
    return;
  }
  Cur = 0;
}

bool PackedInput::decode(llvm::StringRef &In, uint32_t Slot, unsigned Depth) {
  if (In.empty() || Depth > 256)
    return false;
  char K = In.front();
  In = In.drop_front();
  Nodes[Slot].Kind = K;
  auto GetString = [&](llvm::StringRef &S) {
    uint32_t Len;
    if (!getVarint(In, Len) || Len > In.size())
      return false;
    S = In.take_front(Len);
    In = In.drop_front(Len);
    return true;
  };
  switch (K) {
  case 'N':
    return true;
  case 'S':
    return GetString(Nodes[Slot].Text);
  case 'Q':
  case 'M': {
    uint32_t Count;
    if (!getVarint(In, Count) || Count > In.size()) // every child takes a byte or more
      return false;
    uint32_t First = Nodes.size();
    Nodes.resize(Nodes.size() + Count);
    Nodes[Slot].First = First;
    Nodes[Slot].Count = Count;
    for (uint32_t I = 0; I < Count; ++I) {
      if (K == 'M' && !GetString(Nodes[First + I].Key))
        return false;
      if (!decode(In, First + I, Depth + 1))
        return false;
    }
    return true;
  }
  default:
    return false;
  }
}

void PackedInput::setError(const llvm::Twine &Message) {
  if (Error.empty())
    Error = Message.str();
}

unsigned PackedInput::beginSequence() {
  Node *N = cur();
  if (failed() || !N)
    return 0;
  if (N->Kind == 'Q')
    return N->Count;
  if (N->Kind == 'N' || (N->Kind == 'S' && yaml::isNull(N->Text)))
    return 0;
  setError("not a sequence");
  return 0;
}

bool PackedInput::preflightElement(unsigned Index, void *&Save) {
  Node *N = cur();
  if (failed() || !N || N->Kind != 'Q' || Index >= N->Count)
    return false;
  Save = reinterpret_cast<void *>(uintptr_t(Cur));
  Cur = N->First + Index;
  return true;
}

void PackedInput::postflightElement(void *Save) { Cur = uint32_t(uintptr_t(Save)); }

void PackedInput::beginMapping() {
  Node *N = cur();
  if (failed() || !N || N->Kind != 'M')
    return;
  for (uint32_t I = 0; I < N->Count; ++I)
    Nodes[N->First + I].Used = false;
}

void PackedInput::endMapping() {
  Node *N = cur();
  if (failed() || !N || N->Kind != 'M' || AllowUnknownKeys)
    return;
  for (uint32_t I = 0; I < N->Count; ++I)
    if (!Nodes[N->First + I].Used) {
      setError("unknown key '" + Nodes[N->First + I].Key + "'");
      return;
    }
}

bool PackedInput::preflightKey(const char *Key, bool Required, bool, bool &UseDefault,
                               void *&Save) {
  UseDefault = false;
  Node *N = cur();
  if (failed())
    return false;
  if (!N) {
    if (Required)
      setError("empty document");
    return false;
  }
  if (N->Kind != 'M') {
    if (Required || N->Kind != 'N')
      setError("not a mapping");
    else
      UseDefault = true;
    return false;
  }
  for (uint32_t I = 0; I < N->Count; ++I) {
    Node &E = Nodes[N->First + I];
    if (E.Key != Key)
      continue;
    E.Used = true;
    Save = reinterpret_cast<void *>(uintptr_t(Cur));
    Cur = N->First + I;
    return true;
  }
  if (Required)
    setError(llvm::Twine("missing required key '") + Key + "'");
  else
    UseDefault = true;
  return false;
}

void PackedInput::postflightKey(void *Save) { Cur = uint32_t(uintptr_t(Save)); }

std::vector<llvm::StringRef> PackedInput::keys() {
  std::vector<llvm::StringRef> Out;
  Node *N = cur();
  if (!N || N->Kind != 'M') {
    setError("not a mapping");
    return Out;
  }
  for (uint32_t I = 0; I < N->Count; ++I) {
    Nodes[N->First + I].Used = true;
    Out.push_back(Nodes[N->First + I].Key);
  }
  return Out;
}

bool PackedInput::matchEnumScalar(const char *Value, bool) {
  Node *N = cur();
  if (EnumMatched || !N || N->Kind != 'S' || N->Text != Value)
    return false;
  EnumMatched = true;
  return true;
}

bool PackedInput::matchEnumFallback() {
  if (EnumMatched)
    return false;
  EnumMatched = true;
  return true;
}

void PackedInput::endEnumScalar() {
  if (!EnumMatched)
    setError("unknown enumerated scalar");
}

bool PackedInput::beginBitSetScalar(bool &DoClear) {
  Node *N = cur();
  BitsUsed.clear();
  if (N && N->Kind == 'Q')
    BitsUsed.resize(N->Count);
  else
    setError("expected sequence of bit values");
  DoClear = true;
  return true;
}

bool PackedInput::bitSetMatch(const char *Value, bool) {
  Node *N = cur();
  if (failed() || !N || N->Kind != 'Q')
    return false;
  for (uint32_t I = 0; I < N->Count; ++I) {
    const Node &E = Nodes[N->First + I];
    if (E.Kind != 'S') {
      setError("unexpected scalar in sequence of bit values");
      return false;
    }
    if (E.Text == Value) {
      BitsUsed[I] = true;
      return true;
    }
  }
  return false;
}

void PackedInput::endBitSetScalar() {
  if (failed())
    return;
  for (bool Used : BitsUsed)
    if (!Used) {
      setError("unknown bit value");
      return;
    }
}

void PackedInput::scalarString(llvm::StringRef &S, yaml::QuotingType) {
  Node *N = cur();
  if (N && N->Kind == 'S')
    S = N->Text;
  else
    setError("unexpected scalar");
}

void PackedInput::blockScalarString(llvm::StringRef &S) {
  scalarString(S, yaml::QuotingType::None);
}

yaml::NodeKind PackedInput::getNodeKind() {
  Node *N = cur();
  if (N && N->Kind == 'M')
    return yaml::NodeKind::Map;
  if (N && N->Kind == 'Q')
    return yaml::NodeKind::Sequence;
  return yaml::NodeKind::Scalar;
}
