//===- TaintModel.cpp - Reading taint models ----------------------------------===//
#include "vibeguard/Analysis/TaintModel.h"
#include "vibeguard/Support/Embedded.h"
#include "vibeguard/Support/YAML.h"
#include "vibeguard/Support/YAMLPack.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace vibeguard;
using namespace vibeguard::taint;

llvm::ArrayRef<llvm::StringRef> taint::sourceKinds() {
  static const llvm::StringRef Kinds[] = {"user-input", "environment", "network", "file",
                                          "llm-output", "secret",      "pii"};
  return Kinds;
}

llvm::ArrayRef<llvm::StringRef> taint::sinkKinds() {
  static const llvm::StringRef Kinds[] = {"command", "sql",  "format", "path",
                                          "ldap",    "xpath", "url",   "html",
                                          "header",  "llm-prompt", "log", "code",
                                          "generic"};
  return Kinds;
}

bool FunctionRef::matches(llvm::StringRef QualifiedName) const {
  // As the Static Analyzer does: the last part is the name; the scope's parts must
  // appear, in order, among the enclosing scopes ("ns::" matches outer::ns::f, and
  // "std::basic_string::" matches std::__cxx11::basic_string::append).
  // Most entries fail on the name; reject them before splitting.
  if (!QualifiedName.ends_with(Name) ||
      (QualifiedName.size() > Name.size() &&
       !QualifiedName.drop_back(Name.size()).ends_with("::")))
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  QualifiedName.split(Parts, "::");
  if (Parts.empty() || Parts.back() != Name)
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Want;
  llvm::StringRef(Scope).split(Want, "::", -1, /*KeepEmpty=*/false);
  size_t Next = 0;
  for (size_t I = 0; I + 1 < Parts.size() && Next < Want.size(); ++I)
    if (Parts[I] == Want[Next])
      ++Next;
  return Next == Want.size();
}

namespace {
struct ModelFile {
  std::vector<Source> Sources;
  std::vector<Propagation> Propagations;
  std::vector<Filter> Filters;
  std::vector<Sink> Sinks;
  std::vector<NameSource> NameSources;
};

std::string checkRef(const FunctionRef &R) {
  if (R.Name.empty())
    return "an entry needs a Name";
  return "";
}

std::string checkArgs(const std::vector<int> &Args, llvm::StringRef Key, llvm::StringRef Name) {
  for (int A : Args)
    if (A < ThisObject)
      return (Key + " of '" + Name + "' holds " + llvm::Twine(A) +
              "; use N >= 0 for arguments, -1 for the return value, -2 for the object")
          .str();
  return "";
}

std::string checkKind(llvm::StringRef Kind, llvm::ArrayRef<llvm::StringRef> Valid,
                      llvm::StringRef What, llvm::StringRef Name) {
  if (llvm::is_contained(Valid, Kind))
    return "";
  std::vector<std::string> V(Valid.begin(), Valid.end());
  return (What + " '" + Kind + "' of '" + Name + "' is not one of: " + llvm::join(V, ", "))
      .str();
}
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(Source)
LLVM_YAML_IS_SEQUENCE_VECTOR(Propagation)
LLVM_YAML_IS_SEQUENCE_VECTOR(Filter)
LLVM_YAML_IS_SEQUENCE_VECTOR(Sink)
LLVM_YAML_IS_SEQUENCE_VECTOR(NameSource)

namespace llvm::yaml {
// Argument lists, written [0, -1] (LLVM's macro refuses fundamental types).
template <> struct SequenceTraits<std::vector<int>> {
  static size_t size(IO &, std::vector<int> &V) { return V.size(); }
  static int &element(IO &, std::vector<int> &V, size_t I) {
    if (I >= V.size())
      V.resize(I + 1);
    return V[I];
  }
  static const bool flow = true;
};

template <> struct ScalarEnumerationTraits<Variadic> {
  static void enumeration(IO &Io, Variadic &V) {
    Io.enumCase(V, "None", Variadic::None);
    Io.enumCase(V, "Src", Variadic::Src);
    Io.enumCase(V, "Dst", Variadic::Dst);
  }
};

template <> struct MappingTraits<Source> {
  static void mapping(IO &Io, Source &S) {
    Io.mapRequired("Name", S.Name);
    Io.mapOptional("Scope", S.Scope);
    Io.mapOptional("Args", S.Args);
    Io.mapOptional("VariadicIndex", S.VariadicIndex);
    Io.mapRequired("Kind", S.Kind);
    Io.mapOptional("Field", S.Field, false);
  }
  static std::string validate(IO &, Source &S) {
    std::string E = checkRef(S);
    if (E.empty() && S.Field && S.Scope.empty())
      E = "field source '" + S.Name + "' needs the Scope of its class";
    if (E.empty() && !S.Field && S.Args.empty() && !S.VariadicIndex)
      E = "source '" + S.Name + "' needs Args (-1 for its result) or VariadicIndex";
    if (E.empty())
      E = checkArgs(S.Args, "Args", S.Name);
    if (E.empty())
      E = checkKind(S.Kind, sourceKinds(), "source kind", S.Name);
    return E;
  }
};

template <> struct MappingTraits<Propagation> {
  static void mapping(IO &Io, Propagation &P) {
    Io.mapRequired("Name", P.Name);
    Io.mapOptional("Scope", P.Scope);
    Io.mapOptional("SrcArgs", P.SrcArgs);
    Io.mapOptional("DstArgs", P.DstArgs);
    Io.mapOptional("VariadicType", P.VariadicType, Variadic::None);
    Io.mapOptional("VariadicIndex", P.VariadicIndex);
  }
  static std::string validate(IO &, Propagation &P) {
    std::string E = checkRef(P);
    if (E.empty() && P.DstArgs.empty() && P.VariadicType != Variadic::Dst)
      E = "propagation '" + P.Name + "' needs DstArgs or VariadicType: Dst";
    if (E.empty() && (P.VariadicType != Variadic::None) != P.VariadicIndex.has_value())
      E = "propagation '" + P.Name + "': VariadicType and VariadicIndex go together";
    if (E.empty())
      E = checkArgs(P.SrcArgs, "SrcArgs", P.Name);
    if (E.empty())
      E = checkArgs(P.DstArgs, "DstArgs", P.Name);
    return E;
  }
};

template <> struct MappingTraits<Filter> {
  static void mapping(IO &Io, Filter &F) {
    Io.mapRequired("Name", F.Name);
    Io.mapOptional("Scope", F.Scope);
    Io.mapOptional("Args", F.Args);
    Io.mapOptional("Kinds", F.Kinds);
  }
  static std::string validate(IO &, Filter &F) {
    std::string E = checkRef(F);
    if (E.empty() && F.Args.empty())
      E = "filter '" + F.Name + "' needs Args (-1: its result is clean)";
    if (E.empty())
      E = checkArgs(F.Args, "Args", F.Name);
    for (const std::string &K : F.Kinds)
      if (E.empty())
        E = checkKind(K, sinkKinds(), "sink kind", F.Name);
    return E;
  }
};

template <> struct MappingTraits<Sink> {
  static void mapping(IO &Io, Sink &S) {
    Io.mapRequired("Name", S.Name);
    Io.mapOptional("Scope", S.Scope);
    Io.mapOptional("Args", S.Args);
    Io.mapOptional("VariadicIndex", S.VariadicIndex);
    Io.mapOptional("Kind", S.Kind, std::string("generic"));
    Io.mapOptional("Role", S.Role);
    Io.mapOptional("Remote", S.Remote, false);
  }
  static std::string validate(IO &, Sink &S) {
    std::string E = checkRef(S);
    if (E.empty() && S.Args.empty() && !S.VariadicIndex)
      E = "sink '" + S.Name + "' needs Args or VariadicIndex";
    if (E.empty())
      E = checkArgs(S.Args, "Args", S.Name);
    if (E.empty())
      E = checkKind(S.Kind, sinkKinds(), "sink kind", S.Name);
    if (E.empty() && !S.Role.empty() && S.Role != "user" && S.Role != "system")
      E = "role '" + S.Role + "' of '" + S.Name + "' is not one of: user, system";
    if (E.empty() && (!S.Role.empty() || S.Remote) && S.Kind != "llm-prompt")
      E = "sink '" + S.Name + "': Role and Remote apply to kind llm-prompt only";
    return E;
  }
};

template <> struct MappingTraits<NameSource> {
  static void mapping(IO &Io, NameSource &S) {
    Io.mapRequired("Terms", S.Terms);
    Io.mapRequired("Kind", S.Kind);
  }
  static std::string validate(IO &, NameSource &S) {
    if (S.Terms.empty())
      return "a name source needs Terms";
    return checkKind(S.Kind, sourceKinds(), "source kind", "NameSources");
  }
};

template <> struct MappingTraits<ModelFile> {
  static void mapping(IO &Io, ModelFile &M) {
    Io.mapOptional("Sources", M.Sources);
    Io.mapOptional("Propagations", M.Propagations);
    Io.mapOptional("Filters", M.Filters);
    Io.mapOptional("Sinks", M.Sinks);
    Io.mapOptional("NameSources", M.NameSources);
  }
};
} // namespace llvm::yaml

namespace {
TaintModel fromFile(ModelFile F) {
  TaintModel M;
  M.Sources = std::move(F.Sources);
  M.Propagations = std::move(F.Propagations);
  M.Filters = std::move(F.Filters);
  M.Sinks = std::move(F.Sinks);
  M.NameSources = std::move(F.NameSources);
  return M;
}
} // namespace

llvm::Expected<TaintModel> TaintModel::parse(llvm::StringRef Text, llvm::StringRef Name) {
  ModelFile F;
  if (llvm::Error E = parseYAML(Text, Name, F))
    return std::move(E);
  return fromFile(std::move(F));
}

llvm::Expected<TaintModel> TaintModel::readFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parse((*Buf)->getBuffer(), Path);
}

const TaintModel &TaintModel::builtin() {
  static const TaintModel M = [] {
    // Packed at build time (YAMLPack.h); the unit tests also parse the YAML text.
    ModelFile F;
    if (llvm::Error E = parsePacked(embedded::taintDefaultPacked(), "taint-default.yaml", F))
      llvm::report_fatal_error(std::move(E)); // a build-time file: its test fails first
    return fromFile(std::move(F));
  }();
  return M;
}

void TaintModel::merge(TaintModel Other) {
  auto Append = [](auto &To, auto &From) {
    To.insert(To.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
  };
  Append(Sources, Other.Sources);
  Append(Propagations, Other.Propagations);
  Append(Filters, Other.Filters);
  Append(Sinks, Other.Sinks);
  Append(NameSources, Other.NameSources);
}

namespace {
template <typename T>
const T *findIn(const std::vector<T> &V, llvm::StringRef QualifiedName) {
  // Later entries (a user's model) win over earlier ones (the default).
  for (auto It = V.rbegin(); It != V.rend(); ++It)
    if (It->matches(QualifiedName))
      return &*It;
  return nullptr;
}

const Source *findSourceIn(const std::vector<Source> &V, llvm::StringRef Q, bool Field) {
  for (auto It = V.rbegin(); It != V.rend(); ++It)
    if (It->Field == Field && It->matches(Q))
      return &*It;
  return nullptr;
}
} // namespace

const Sink *TaintModel::findSink(llvm::StringRef Q) const { return findIn(Sinks, Q); }
const Source *TaintModel::findSource(llvm::StringRef Q) const {
  return findSourceIn(Sources, Q, false);
}
const Source *TaintModel::findFieldSource(llvm::StringRef Q) const {
  return findSourceIn(Sources, Q, true);
}
const Propagation *TaintModel::findPropagation(llvm::StringRef Q) const {
  return findIn(Propagations, Q);
}
const Filter *TaintModel::findFilter(llvm::StringRef Q) const { return findIn(Filters, Q); }
