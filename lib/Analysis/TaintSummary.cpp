//===- TaintSummary.cpp - The summary graph: linking summaries into flows -----===//
#include "vibeguard/Analysis/TaintSummary.h"
#include "vibeguard/Analysis/TaintModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <map>
#include <set>
#include <tuple>

using namespace vibeguard;
using namespace vibeguard::taint;

uint32_t taint::kindBit(llvm::StringRef SinkKind) {
  auto Kinds = sinkKinds();
  for (size_t I = 0; I < Kinds.size(); ++I)
    if (Kinds[I] == SinkKind)
      return 1u << I;
  return 0;
}

bool Port::operator<(const Port &O) const {
  return std::tie(Kind, Index, Site, Name) < std::tie(O.Kind, O.Index, O.Site, O.Name);
}

namespace {

/// Steps kept per flow: a reviewer reads the first and last ones; a cycle through
/// many helpers must not grow a trace without bound.
constexpr size_t MaxSteps = 40;

void appendSteps(std::vector<Step> &To, const std::vector<Step> &From) {
  for (const Step &S : From) {
    if (To.size() >= MaxSteps)
      return;
    if (!To.empty() && To.back() == S)
      continue;
    To.push_back(S);
  }
}

/// What enters a function's closed summary: a parameter, a global, or a source
/// anywhere below it (function index, source index).
struct In {
  enum K : uint8_t { Param, Global, Source } Kind;
  int Index = 0;
  unsigned Func = 0;
  std::string Name;
  auto key() const { return std::tie(Kind, Index, Func, Name); }
  bool operator<(const In &O) const { return key() < O.key(); }
};

/// What leaves it: the return value, an out-parameter, a global, or a sink anywhere
/// below it.
struct Out {
  enum K : uint8_t { Return, ParamOut, Global, Sink } Kind;
  int Index = 0;
  unsigned Func = 0;
  std::string Name;
  auto key() const { return std::tie(Kind, Index, Func, Name); }
  bool operator<(const Out &O) const { return key() < O.key(); }
};

struct ClosedEdge {
  In From;
  Out To;
  std::vector<Step> Steps;
  uint32_t Cleaned = 0;
  uint8_t Flags = 0;
};

class Linker {
public:
  explicit Linker(const std::vector<FunctionSummary> &S) : Sums(S) {
    for (unsigned I = 0; I < S.size(); ++I)
      ByUSR.try_emplace(S[I].USR, I);
    Local.resize(S.size());
    Closed.resize(S.size());
    ClosedKeys.resize(S.size());
    for (unsigned F = 0; F < S.size(); ++F)
      for (unsigned E = 0; E < S[F].Edges.size(); ++E)
        Local[F][S[F].Edges[E].From].push_back(E);
  }

  std::vector<Flow> run() {
    // Summaries are closed bottom-up; recursion needs more rounds. Each round only
    // adds edges, so this stops; the bound keeps a pathological program cheap.
    std::vector<unsigned> Order = postOrder();
    for (unsigned Round = 0; Round < 8; ++Round) {
      bool Changed = false;
      for (unsigned F : Order)
        Changed |= close(F);
      if (!Changed)
        break;
    }
    return flows();
  }

private:
  const std::vector<FunctionSummary> &Sums;
  llvm::StringMap<unsigned> ByUSR;
  std::vector<std::map<Port, std::vector<unsigned>>> Local;
  std::vector<std::vector<ClosedEdge>> Closed;
  std::vector<std::set<std::tuple<In, Out, uint32_t>>> ClosedKeys;

  const unsigned *callee(unsigned F, unsigned Site) const {
    auto It = ByUSR.find(Sums[F].Calls[Site].Callee);
    return It == ByUSR.end() ? nullptr : &It->second;
  }

  std::vector<unsigned> postOrder() const {
    std::vector<unsigned> Order;
    std::vector<uint8_t> Seen(Sums.size(), 0);
    for (unsigned Root = 0; Root < Sums.size(); ++Root) {
      if (Seen[Root])
        continue;
      // Iterative DFS: (function, next call site).
      std::vector<std::pair<unsigned, unsigned>> Stack{{Root, 0}};
      Seen[Root] = 1;
      while (!Stack.empty()) {
        auto &[F, Next] = Stack.back();
        if (Next < Sums[F].Calls.size()) {
          const unsigned *G = callee(F, Next++);
          if (G && !Seen[*G]) {
            Seen[*G] = 1;
            Stack.push_back({*G, 0});
          }
          continue;
        }
        Order.push_back(F);
        Stack.pop_back();
      }
    }
    return Order;
  }

  /// The port of caller \p F that a callee's output \p O maps to at call site \p Site.
  static std::optional<Port> resultPort(const Out &O, unsigned Site) {
    Port P;
    P.Kind = PortKind::CallResult;
    P.Site = Site;
    switch (O.Kind) {
    case Out::Return:
      P.Index = ReturnValue;
      return P;
    case Out::ParamOut:
      P.Index = O.Index;
      return P;
    case Out::Global:
      P.Kind = PortKind::GlobalOut;
      P.Name = O.Name;
      return P;
    case Out::Sink:
      return std::nullopt;
    }
    return std::nullopt;
  }

  Step callStep(unsigned F, unsigned Site, llvm::StringRef Verb) const {
    Step S = Sums[F].Calls[Site].Where;
    S.Message = (Verb + " '" + Sums[F].Calls[Site].Name + "'").str();
    return S;
  }

  struct Walk {
    Port At;
    std::vector<Step> Steps;
    uint32_t Cleaned;
    uint8_t Flags;
  };

  bool record(unsigned F, const In &From, const Out &To, const Walk &W) {
    if (!ClosedKeys[F].insert({From, To, W.Cleaned}).second)
      return false;
    Closed[F].push_back({From, To, W.Steps, W.Cleaned, W.Flags});
    return true;
  }

  /// Follows \p Start through F's local edges and its callees' closed summaries,
  /// recording every output reached.
  bool walk(unsigned F, const In &From, Walk Start) {
    bool Changed = false;
    std::set<std::tuple<Port, uint32_t, uint8_t>> Seen;
    std::deque<Walk> Queue;
    Queue.push_back(std::move(Start));
    while (!Queue.empty()) {
      Walk W = std::move(Queue.front());
      Queue.pop_front();
      if (!Seen.insert({W.At, W.Cleaned, W.Flags}).second)
        continue;
      switch (W.At.Kind) {
      case PortKind::Return:
        Changed |= record(F, From, {Out::Return, 0, 0, ""}, W);
        break;
      case PortKind::ParamOut:
        Changed |= record(F, From, {Out::ParamOut, W.At.Index, 0, ""}, W);
        break;
      case PortKind::GlobalOut:
        Changed |= record(F, From, {Out::Global, 0, 0, W.At.Name}, W);
        break;
      case PortKind::Sink:
        Changed |= record(F, From, {Out::Sink, (int)W.At.Index, F, ""}, W);
        break;
      case PortKind::CallArg:
        if (const unsigned *G = callee(F, W.At.Site)) {
          for (const ClosedEdge &CE : Closed[*G]) {
            if (CE.From.Kind != In::Param || CE.From.Index != W.At.Index)
              continue;
            Walk Next{Port(), W.Steps, W.Cleaned | CE.Cleaned, uint8_t(W.Flags | CE.Flags)};
            if (Next.Steps.size() < MaxSteps)
              Next.Steps.push_back(callStep(F, W.At.Site, "passed to"));
            appendSteps(Next.Steps, CE.Steps);
            if (CE.To.Kind == Out::Sink) {
              Changed |= record(F, From, CE.To, Next);
              continue;
            }
            if (CE.To.Kind == Out::Return && Next.Steps.size() < MaxSteps)
              Next.Steps.push_back(callStep(F, W.At.Site, "returned from"));
            Next.At = *resultPort(CE.To, W.At.Site);
            Queue.push_back(std::move(Next));
          }
        }
        break;
      default:
        break;
      }
      auto It = Local[F].find(W.At);
      if (It == Local[F].end())
        continue;
      for (unsigned EI : It->second) {
        const Edge &E = Sums[F].Edges[EI];
        Walk Next{E.To, W.Steps, W.Cleaned | E.Cleaned, uint8_t(W.Flags | E.Flags)};
        appendSteps(Next.Steps, E.Steps);
        Queue.push_back(std::move(Next));
      }
    }
    return Changed;
  }

  bool close(unsigned F) {
    bool Changed = false;
    const FunctionSummary &S = Sums[F];
    // What enters F itself: parameters, globals and the sources it calls.
    for (const auto &[P, Edges] : Local[F]) {
      In From;
      if (P.Kind == PortKind::ParamIn)
        From = {In::Param, P.Index, 0, ""};
      else if (P.Kind == PortKind::GlobalIn)
        From = {In::Global, 0, 0, P.Name};
      else if (P.Kind == PortKind::Source)
        From = {In::Source, P.Index, F, ""};
      else
        continue;
      Changed |= walk(F, From, {P, {}, 0, 0});
    }
    // What enters through a callee's result: a source or a global read below it.
    for (unsigned Site = 0; Site < S.Calls.size(); ++Site) {
      const unsigned *G = callee(F, Site);
      if (!G)
        continue;
      // Closed[*G] may grow while F == *G; iterate over a copy's size.
      size_t N = Closed[*G].size();
      for (size_t I = 0; I < N; ++I) {
        const ClosedEdge CE = Closed[*G][I];
        if (CE.From.Kind == In::Param || CE.To.Kind == Out::Sink)
          continue;
        std::optional<Port> P = resultPort(CE.To, Site);
        if (!P)
          continue;
        Walk W{*P, CE.Steps, CE.Cleaned, CE.Flags};
        if (CE.To.Kind == Out::Return && W.Steps.size() < MaxSteps)
          W.Steps.push_back(callStep(F, Site, "returned from"));
        Changed |= walk(F, CE.From, std::move(W));
      }
    }
    return Changed;
  }

  std::vector<Flow> flows() const {
    std::map<std::tuple<unsigned, int, unsigned, int>, Flow> Found;
    auto Add = [&](unsigned SrcF, int Src, unsigned SinkF, int Snk, std::vector<Step> Steps,
                   uint32_t Cleaned, uint8_t Flags) {
      const SinkSite &K = Sums[SinkF].Sinks[Snk];
      if (Cleaned & kindBit(K.Kind))
        return;
      auto Key = std::make_tuple(SrcF, Src, SinkF, Snk);
      auto It = Found.find(Key);
      if (It != Found.end() && It->second.Steps.size() <= Steps.size())
        return;
      Flow &Fl = Found[Key];
      Fl.Source = Sums[SrcF].Sources[Src];
      Fl.Sink = K;
      Fl.Steps = std::move(Steps);
      Fl.Flags = Flags;
      Fl.Cleaned = Cleaned;
    };
    // Sources that reach a global, for the functions that read it.
    std::map<std::string, std::vector<const ClosedEdge *>> GlobalSources;
    for (const auto &Edges : Closed)
      for (const ClosedEdge &CE : Edges)
        if (CE.From.Kind == In::Source && CE.To.Kind == Out::Global)
          GlobalSources[CE.To.Name].push_back(&CE);
    for (const auto &Edges : Closed)
      for (const ClosedEdge &CE : Edges) {
        if (CE.To.Kind != Out::Sink)
          continue;
        if (CE.From.Kind == In::Source) {
          Add(CE.From.Func, CE.From.Index, CE.To.Func, CE.To.Index, CE.Steps, CE.Cleaned,
              CE.Flags);
        } else if (CE.From.Kind == In::Global) {
          auto It = GlobalSources.find(CE.From.Name);
          if (It == GlobalSources.end())
            continue;
          for (const ClosedEdge *G : It->second) {
            std::vector<Step> Steps = G->Steps;
            appendSteps(Steps, CE.Steps);
            Add(G->From.Func, G->From.Index, CE.To.Func, CE.To.Index, std::move(Steps),
                G->Cleaned | CE.Cleaned, G->Flags | CE.Flags);
          }
        }
      }
    std::vector<Flow> Result;
    for (auto &[K, F] : Found)
      Result.push_back(std::move(F));
    auto Where = [](const Step &S) { return std::tie(S.File, S.Line, S.Column); };
    std::stable_sort(Result.begin(), Result.end(), [&](const Flow &A, const Flow &B) {
      if (Where(A.Sink.Where) != Where(B.Sink.Where))
        return Where(A.Sink.Where) < Where(B.Sink.Where);
      return Where(A.Source.Where) < Where(B.Source.Where);
    });
    return Result;
  }
};

// JSON --------------------------------------------------------------------------

llvm::StringRef portKindName(PortKind K) {
  switch (K) {
  case PortKind::ParamIn: return "param-in";
  case PortKind::ParamOut: return "param-out";
  case PortKind::Return: return "return";
  case PortKind::GlobalIn: return "global-in";
  case PortKind::GlobalOut: return "global-out";
  case PortKind::Source: return "source";
  case PortKind::Sink: return "sink";
  case PortKind::CallArg: return "call-arg";
  case PortKind::CallResult: return "call-result";
  }
  return "";
}

llvm::json::Value stepJSON(const Step &S) {
  return llvm::json::Array{S.File, S.Line, S.Column, S.Message};
}

llvm::json::Value portJSON(const Port &P) {
  llvm::json::Object O{{"k", portKindName(P.Kind)}};
  if (P.Index)
    O["i"] = P.Index;
  if (P.Site)
    O["s"] = P.Site;
  if (!P.Name.empty())
    O["n"] = P.Name;
  return O;
}

struct Reader {
  llvm::StringRef What;
  std::string Error;
  bool fail(llvm::StringRef Msg) {
    if (Error.empty())
      Error = Msg.str();
    return false;
  }
  bool step(const llvm::json::Value *V, Step &S) {
    const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A || A->size() != 4)
      return fail("a step is not [file, line, column, message]");
    auto File = (*A)[0].getAsString();
    auto Line = (*A)[1].getAsInteger();
    auto Col = (*A)[2].getAsInteger();
    auto Msg = (*A)[3].getAsString();
    if (!File || !Line || !Col || !Msg)
      return fail("a step is not [file, line, column, message]");
    S = {File->str(), unsigned(*Line), unsigned(*Col), Msg->str()};
    return true;
  }
  bool port(const llvm::json::Value *V, Port &P) {
    const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O)
      return fail("a port is not an object");
    auto K = O->getString("k");
    bool Known = false;
    for (int I = 0; I <= int(PortKind::CallResult); ++I)
      if (K && *K == portKindName(PortKind(I))) {
        P.Kind = PortKind(I);
        Known = true;
      }
    if (!Known)
      return fail("a port has an unknown kind");
    P.Index = int(O->getInteger("i").value_or(0));
    P.Site = unsigned(O->getInteger("s").value_or(0));
    P.Name = O->getString("n").value_or("").str();
    return true;
  }
};

} // namespace

std::vector<Flow> taint::link(const std::vector<FunctionSummary> &Summaries) {
  return Linker(Summaries).run();
}

llvm::json::Value taint::toJSON(const FunctionSummary &S) {
  llvm::json::Array Sources, Sinks, Calls, Edges;
  for (const SourceSite &X : S.Sources)
    Sources.push_back(llvm::json::Object{{"kind", X.Kind}, {"what", X.What},
                                         {"at", stepJSON(X.Where)}});
  for (const SinkSite &X : S.Sinks)
    Sinks.push_back(llvm::json::Object{{"kind", X.Kind}, {"what", X.What},
                                       {"role", X.Role}, {"remote", X.Remote},
                                       {"at", stepJSON(X.Where)}});
  for (const CallSite &X : S.Calls)
    Calls.push_back(llvm::json::Object{{"callee", X.Callee}, {"name", X.Name},
                                       {"at", stepJSON(X.Where)}});
  for (const Edge &E : S.Edges) {
    llvm::json::Array Steps;
    for (const Step &St : E.Steps)
      Steps.push_back(stepJSON(St));
    Edges.push_back(llvm::json::Object{{"from", portJSON(E.From)}, {"to", portJSON(E.To)},
                                       {"steps", std::move(Steps)}, {"cleaned", E.Cleaned},
                                       {"flags", E.Flags}});
  }
  return llvm::json::Object{{"usr", S.USR},         {"name", S.Name},
                            {"sources", std::move(Sources)},
                            {"sinks", std::move(Sinks)},
                            {"calls", std::move(Calls)},
                            {"edges", std::move(Edges)}};
}

llvm::Expected<FunctionSummary> taint::summaryFromJSON(const llvm::json::Value &V,
                                                       llvm::StringRef What) {
  Reader R{What, ""};
  FunctionSummary S;
  const llvm::json::Object *O = V.getAsObject();
  auto Str = [&](const llvm::json::Object *Obj, llvm::StringRef Key, std::string &To) {
    auto X = Obj->getString(Key);
    if (!X)
      return R.fail(("'" + Key + "' is missing or not a string").str());
    To = X->str();
    return true;
  };
  auto Arr = [&](llvm::StringRef Key) -> const llvm::json::Array * {
    const llvm::json::Array *A = O->getArray(Key);
    if (!A)
      R.fail(("'" + Key + "' is missing or not an array").str());
    return A;
  };
  if (!O) {
    R.fail("a summary is not an object");
  } else if (Str(O, "usr", S.USR) && Str(O, "name", S.Name)) {
    if (const auto *A = Arr("sources"))
      for (const auto &X : *A) {
        const auto *XO = X.getAsObject();
        SourceSite Site;
        if (!XO || !Str(XO, "kind", Site.Kind) || !Str(XO, "what", Site.What) ||
            !R.step(XO->get("at"), Site.Where))
          break;
        S.Sources.push_back(std::move(Site));
      }
    if (const auto *A = Arr("sinks"))
      for (const auto &X : *A) {
        const auto *XO = X.getAsObject();
        SinkSite Site;
        if (!XO || !Str(XO, "kind", Site.Kind) || !Str(XO, "what", Site.What) ||
            !Str(XO, "role", Site.Role) || !R.step(XO->get("at"), Site.Where))
          break;
        Site.Remote = XO->getBoolean("remote").value_or(false);
        S.Sinks.push_back(std::move(Site));
      }
    if (const auto *A = Arr("calls"))
      for (const auto &X : *A) {
        const auto *XO = X.getAsObject();
        CallSite Site;
        if (!XO || !Str(XO, "callee", Site.Callee) || !Str(XO, "name", Site.Name) ||
            !R.step(XO->get("at"), Site.Where))
          break;
        S.Calls.push_back(std::move(Site));
      }
    if (const auto *A = Arr("edges"))
      for (const auto &X : *A) {
        const auto *XO = X.getAsObject();
        Edge E;
        if (!XO || !R.port(XO->get("from"), E.From) || !R.port(XO->get("to"), E.To))
          break;
        const llvm::json::Array *Steps = XO->getArray("steps");
        if (!Steps) {
          R.fail("an edge has no steps");
          break;
        }
        for (const auto &St : *Steps) {
          E.Steps.emplace_back();
          if (!R.step(&St, E.Steps.back()))
            break;
        }
        E.Cleaned = uint32_t(XO->getInteger("cleaned").value_or(0));
        E.Flags = uint8_t(XO->getInteger("flags").value_or(0));
        S.Edges.push_back(std::move(E));
      }
    // Indices must point into the tables (a damaged cache file must not crash link).
    for (const Edge &E : S.Edges)
      for (const Port *P : {&E.From, &E.To}) {
        if ((P->Kind == PortKind::Source && unsigned(P->Index) >= S.Sources.size()) ||
            (P->Kind == PortKind::Sink && unsigned(P->Index) >= S.Sinks.size()) ||
            ((P->Kind == PortKind::CallArg || P->Kind == PortKind::CallResult) &&
             P->Site >= S.Calls.size()))
          R.fail("an edge names a source, sink or call that is not listed");
      }
  }
  if (!R.Error.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s: malformed taint summary: %s", What.str().c_str(),
                                   R.Error.c_str());
  return std::move(S);
}
