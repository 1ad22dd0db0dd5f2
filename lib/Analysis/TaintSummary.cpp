//===- TaintSummary.cpp - The summary graph: linking summaries into flows -----===//
#include "vibeguard/Analysis/TaintSummary.h"
#include "vibeguard/Analysis/TaintModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include <nlohmann/json.hpp>
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

void appendSteps(std::vector<Step> &To, llvm::ArrayRef<Step> From) {
  for (const Step &S : From) {
    if (To.size() >= MaxSteps)
      return;
    if (!To.empty() && To.back() == S)
      continue;
    To.push_back(S);
  }
}

/// A packed port (packPort); a global's name is interned.
using PortKey = uint64_t;
PortKind keyKind(PortKey P) { return PortKind(P >> 56); }
int keyIndex(PortKey P) { return int((P >> 32) & 0xFFFFFF) - 8; }
uint32_t keySite(PortKey P) { return uint32_t(P); }

/// What enters a function's closed summary: a parameter, a global, or a source
/// anywhere below it (function index, source index).
struct In {
  enum K : uint8_t { Param, Global, Source } Kind;
  int Index = 0;
  unsigned Func = 0;
  unsigned Name = 0; ///< interned global
  uint64_t key() const {
    return (uint64_t(Kind) << 62) | (uint64_t(Kind == Global ? Name : Func) << 24) |
           uint32_t(Index + 8);
  }
};

/// What leaves it: the return value, an out-parameter, a global, or a sink anywhere
/// below it.
struct Out {
  enum K : uint8_t { Return, ParamOut, Global, Sink } Kind;
  int Index = 0;
  unsigned Func = 0;
  unsigned Name = 0;
  uint64_t key() const {
    return (uint64_t(Kind) << 62) | (uint64_t(Kind == Global ? Name : Func) << 24) |
           uint32_t(Index + 8);
  }
};

/// Traces are shared: a link is a run of steps, or a whole other trace (a callee's),
/// appended to a parent trace, so a walk that branches or enters a callee copies one
/// index, not a vector of strings or a chain of links.
struct TraceLink {
  uint32_t Parent;
  uint32_t Len;      ///< steps from the root, this link's included
  const Step *Begin; ///< the run, when Sub is 0
  uint32_t Count;
  uint32_t Sub = 0;  ///< a trace whose steps follow the parent's
};

struct ClosedEdge {
  In From;
  Out To;
  uint32_t Trace;
  uint32_t Cleaned = 0;
  uint8_t Flags = 0;
};

class Linker {
public:
  explicit Linker(const std::vector<FunctionSummary> &S) : Sums(S) {
    Links.push_back({0, 0, nullptr, 0}); // the empty trace
    for (unsigned I = 0; I < S.size(); ++I)
      ByUSR.try_emplace(S[I].USR, I);
    Funcs.resize(S.size());
    for (unsigned F = 0; F < S.size(); ++F) {
      Func &Fn = Funcs[F];
      Fn.Callees.resize(S[F].Calls.size(), -1);
      for (unsigned Site = 0; Site < S[F].Calls.size(); ++Site) {
        auto It = ByUSR.find(S[F].Calls[Site].Callee);
        if (It == ByUSR.end())
          continue;
        Fn.Callees[Site] = int(It->second);
        Funcs[It->second].Callers.push_back(F);
      }
      for (unsigned E = 0; E < S[F].Edges.size(); ++E) {
        const Edge &Ed = S[F].Edges[E];
        Fn.Local[key(Ed.From)].push_back(E);
        Fn.EdgeTo.push_back(key(Ed.To));
      }
    }
    for (Func &Fn : Funcs) {
      llvm::sort(Fn.Callers);
      Fn.Callers.erase(std::unique(Fn.Callers.begin(), Fn.Callers.end()), Fn.Callers.end());
    }
  }

  std::vector<Flow> run() {
    // Summaries are closed bottom-up; a function is closed again when a callee's
    // closed summary grew (recursion). Each pass only adds edges, so this stops; the
    // bound per function keeps a pathological program cheap.
    std::vector<unsigned> Order = postOrder();
    std::vector<unsigned> Rank(Sums.size());
    for (unsigned I = 0; I < Order.size(); ++I)
      Rank[Order[I]] = I;
    std::set<std::pair<unsigned, unsigned>> Work; // (rank, function)
    for (unsigned F : Order)
      Work.insert({Rank[F], F});
    std::vector<uint8_t> Passes(Sums.size(), 0);
    while (!Work.empty()) {
      unsigned F = Work.begin()->second;
      Work.erase(Work.begin());
      if (Passes[F]++ >= 8)
        continue;
      size_t Before = Funcs[F].Closed.size();
      close(F);
      if (Funcs[F].Closed.size() != Before)
        for (unsigned C : Funcs[F].Callers)
          Work.insert({Rank[C], C});
    }
    return flows();
  }

private:
  struct Func {
    std::vector<int> Callees; ///< by call site; -1 outside the program
    std::vector<unsigned> Callers;
    llvm::DenseMap<PortKey, llvm::SmallVector<unsigned, 2>> Local; ///< edges by From
    std::vector<PortKey> EdgeTo;
    std::vector<ClosedEdge> Closed;
    llvm::DenseMap<int, llvm::SmallVector<unsigned, 4>> ClosedByParam;
    llvm::DenseSet<std::tuple<uint64_t, uint64_t, uint32_t>> ClosedKeys;
  };

  const std::vector<FunctionSummary> &Sums;
  llvm::StringMap<unsigned> ByUSR;
  llvm::StringMap<unsigned> GlobalIds;
  std::vector<std::string> GlobalNames;
  std::vector<Func> Funcs;
  std::vector<TraceLink> Links;
  std::deque<Step> CallSteps; ///< "passed to 'f'" / "returned from 'f'", made once
  llvm::DenseMap<uint64_t, const Step *> CallStepIds;

  unsigned globalId(llvm::StringRef Name) {
    auto [It, New] = GlobalIds.try_emplace(Name, GlobalNames.size());
    if (New)
      GlobalNames.push_back(Name.str());
    return It->second;
  }

  PortKey key(const Port &P) {
    bool Named = P.Kind == PortKind::GlobalIn || P.Kind == PortKind::GlobalOut;
    return packPort(P.Kind, P.Index, Named ? globalId(P.Name) : P.Site);
  }

  uint32_t append(uint32_t Trace, llvm::ArrayRef<Step> Steps) {
    // Four times the kept length: consecutive duplicates are dropped when the trace
    // is read, so a run may shrink.
    if (Steps.empty() || Links[Trace].Len >= 4 * MaxSteps)
      return Trace;
    Links.push_back({Trace, uint32_t(Links[Trace].Len + Steps.size()), Steps.data(),
                     uint32_t(Steps.size())});
    return uint32_t(Links.size() - 1);
  }

  std::vector<Step> steps(uint32_t Trace) const {
    std::vector<Step> Out;
    readSteps(Trace, Out);
    return Out;
  }

  /// Appends \p Trace's steps to \p Out, up to MaxSteps. Links nest no deeper than a
  /// trace is long, and append() and appendTrace() stop a trace growing past 4 *
  /// MaxSteps.
  void readSteps(uint32_t Trace, std::vector<Step> &Out) const {
    llvm::SmallVector<uint32_t, 16> Chain;
    for (uint32_t T = Trace; T; T = Links[T].Parent)
      Chain.push_back(T);
    for (auto It = Chain.rbegin(); It != Chain.rend() && Out.size() < MaxSteps; ++It) {
      const TraceLink &L = Links[*It];
      if (L.Sub)
        readSteps(L.Sub, Out);
      else
        appendSteps(Out, llvm::ArrayRef<Step>(L.Begin, L.Count));
    }
  }

  uint32_t callStep(uint32_t Trace, unsigned F, unsigned Site, bool Returned) {
    uint64_t Key = (uint64_t(F) << 33) | (uint64_t(Site) << 1) | Returned;
    const Step *&S = CallStepIds[Key];
    if (!S) {
      Step St = Sums[F].Calls[Site].Where;
      St.Message = (llvm::Twine(Returned ? "returned from" : "passed to") + " '" +
                    Sums[F].Calls[Site].Name + "'")
                       .str();
      CallSteps.push_back(std::move(St));
      S = &CallSteps.back();
    }
    return append(Trace, llvm::ArrayRef<Step>(S, 1));
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
          int G = Funcs[F].Callees[Next++];
          if (G >= 0 && !Seen[G]) {
            Seen[G] = 1;
            Stack.push_back({unsigned(G), 0});
          }
          continue;
        }
        Order.push_back(F);
        Stack.pop_back();
      }
    }
    return Order;
  }

  /// The port of the caller that a callee's output \p O maps to at call site \p Site.
  static std::optional<PortKey> resultPort(const Out &O, unsigned Site) {
    switch (O.Kind) {
    case Out::Return:
      return packPort(PortKind::CallResult, ReturnValue, Site);
    case Out::ParamOut:
      return packPort(PortKind::CallResult, O.Index, Site);
    case Out::Global:
      return packPort(PortKind::GlobalOut, 0, O.Name);
    case Out::Sink:
      return std::nullopt;
    }
    return std::nullopt;
  }

  struct Walk {
    PortKey At;
    uint32_t Trace;
    uint32_t Cleaned;
    uint8_t Flags;
  };

  void record(unsigned F, const In &From, const Out &To, const Walk &W) {
    Func &Fn = Funcs[F];
    if (!Fn.ClosedKeys.insert({From.key(), To.key(), W.Cleaned}).second)
      return;
    if (From.Kind == In::Param)
      Fn.ClosedByParam[From.Index].push_back(Fn.Closed.size());
    Fn.Closed.push_back({From, To, W.Trace, W.Cleaned, W.Flags});
  }

  /// Follows \p Start through F's local edges and its callees' closed summaries,
  /// recording every output reached. Breadth first: the first trace to reach a port
  /// is the shortest.
  void walk(unsigned F, const In &From, Walk Start) {
    Seen.clear();
    Queue.clear();
    Queue.push_back(Start);
    const FunctionSummary &S = Sums[F];
    Func &Fn = Funcs[F];
    for (size_t QI = 0; QI < Queue.size(); ++QI) {
      Walk W = Queue[QI];
      if (!Seen.insert({W.At, W.Cleaned, W.Flags}).second)
        continue;
      switch (keyKind(W.At)) {
      case PortKind::Return:
        record(F, From, {Out::Return, 0, 0, 0}, W);
        break;
      case PortKind::ParamOut:
        record(F, From, {Out::ParamOut, keyIndex(W.At), 0, 0}, W);
        break;
      case PortKind::GlobalOut:
        record(F, From, {Out::Global, 0, 0, keySite(W.At)}, W);
        break;
      case PortKind::Sink:
        record(F, From, {Out::Sink, keyIndex(W.At), F, 0}, W);
        break;
      case PortKind::CallArg: {
        unsigned Site = keySite(W.At);
        int G = Fn.Callees[Site];
        if (G < 0) {
          // Outside the program: what was passed stays in the argument.
          if (keyIndex(W.At) != ReturnValue)
            Queue.push_back({packPort(PortKind::CallResult, keyIndex(W.At), Site), W.Trace,
                             W.Cleaned, W.Flags});
          break;
        }
        auto It = Funcs[G].ClosedByParam.find(keyIndex(W.At));
        if (It == Funcs[G].ClosedByParam.end())
          break;
        // Funcs[G].Closed may grow while G == F: index, do not hold references.
        llvm::SmallVector<unsigned, 8> Ids(It->second.begin(), It->second.end());
        for (unsigned CI : Ids) {
          const ClosedEdge CE = Funcs[G].Closed[CI];
          // An argument the callee only kept needs no step of its own.
          bool Kept = CE.To.Kind == Out::ParamOut && CE.To.Index == CE.From.Index &&
                      !CE.Trace;
          Walk Next{0, Kept ? W.Trace : callStep(W.Trace, F, Site, false),
                    W.Cleaned | CE.Cleaned, uint8_t(W.Flags | CE.Flags)};
          Next.Trace = appendTrace(Next.Trace, CE.Trace);
          if (CE.To.Kind == Out::Sink) {
            record(F, From, CE.To, Next);
            continue;
          }
          if (CE.To.Kind == Out::Return)
            Next.Trace = callStep(Next.Trace, F, Site, true);
          Next.At = *resultPort(CE.To, Site);
          Queue.push_back(Next);
        }
        break;
      }
      default:
        break;
      }
      auto It = Fn.Local.find(W.At);
      if (It == Fn.Local.end())
        continue;
      for (unsigned EI : It->second) {
        const Edge &E = S.Edges[EI];
        Queue.push_back({Fn.EdgeTo[EI], append(W.Trace, E.Steps), W.Cleaned | E.Cleaned,
                         uint8_t(W.Flags | E.Flags)});
      }
    }
  }

  /// \p Prefix followed by the steps of \p Trace (a trace of another function).
  uint32_t appendTrace(uint32_t Prefix, uint32_t Trace) {
    if (!Trace)
      return Prefix;
    if (!Prefix)
      return Trace;
    if (Links[Prefix].Len >= 4 * MaxSteps)
      return Prefix;
    Links.push_back({Prefix, Links[Prefix].Len + Links[Trace].Len, nullptr, 0, Trace});
    return uint32_t(Links.size() - 1);
  }

  void close(unsigned F) {
    const FunctionSummary &S = Sums[F];
    Func &Fn = Funcs[F];
    // What enters F itself: parameters, globals and the sources it calls. Sorted, so
    // the result does not depend on hashing.
    llvm::SmallVector<PortKey, 16> Entries;
    for (const auto &[P, Edges] : Fn.Local) {
      PortKind K = keyKind(P);
      if (K == PortKind::ParamIn || K == PortKind::GlobalIn || K == PortKind::Source)
        Entries.push_back(P);
    }
    llvm::sort(Entries);
    for (PortKey P : Entries) {
      In From{In::Param, 0, 0, 0};
      switch (keyKind(P)) {
      case PortKind::ParamIn:
        From = {In::Param, keyIndex(P), 0, 0};
        break;
      case PortKind::GlobalIn:
        From = {In::Global, 0, 0, keySite(P)};
        break;
      default:
        From = {In::Source, keyIndex(P), F, 0};
        break;
      }
      walk(F, From, {P, 0, 0, 0});
    }
    // What enters through a callee's result: a source or a global read below it.
    for (unsigned Site = 0; Site < S.Calls.size(); ++Site) {
      int G = Fn.Callees[Site];
      if (G < 0)
        continue;
      // Funcs[G].Closed may grow while F == G; iterate over the size at the start.
      size_t N = Funcs[G].Closed.size();
      for (size_t I = 0; I < N; ++I) {
        const ClosedEdge CE = Funcs[G].Closed[I];
        if (CE.From.Kind == In::Param || CE.To.Kind == Out::Sink)
          continue;
        Walk W{*resultPort(CE.To, Site), CE.Trace, CE.Cleaned, CE.Flags};
        if (CE.To.Kind == Out::Return)
          W.Trace = callStep(W.Trace, F, Site, true);
        walk(F, CE.From, W);
      }
    }
  }

  std::vector<Flow> flows() const {
    struct Best {
      uint32_t Trace, Len;
      uint32_t Cleaned;
      uint8_t Flags;
      std::vector<Step> Extra; ///< a global's reader: its trace after the writer's
    };
    std::map<std::tuple<unsigned, int, unsigned, int>, Best> Found;
    auto Add = [&](unsigned SrcF, int Src, unsigned SinkF, int Snk, uint32_t Trace,
                   uint32_t Len, uint32_t Cleaned, uint8_t Flags, uint32_t Reader) {
      const SinkSite &K = Sums[SinkF].Sinks[Snk];
      if (Cleaned & kindBit(K.Kind))
        return;
      auto Key = std::make_tuple(SrcF, Src, SinkF, Snk);
      auto It = Found.find(Key);
      if (It != Found.end() && It->second.Len <= Len)
        return;
      Found[Key] = {Trace, Len, Cleaned, Flags, Reader ? steps(Reader) : std::vector<Step>()};
    };
    // Sources that reach a global, for the functions that read it.
    std::map<unsigned, std::vector<const ClosedEdge *>> GlobalSources;
    for (const Func &Fn : Funcs)
      for (const ClosedEdge &CE : Fn.Closed)
        if (CE.From.Kind == In::Source && CE.To.Kind == Out::Global)
          GlobalSources[CE.To.Name].push_back(&CE);
    for (const Func &Fn : Funcs)
      for (const ClosedEdge &CE : Fn.Closed) {
        if (CE.To.Kind != Out::Sink)
          continue;
        if (CE.From.Kind == In::Source) {
          Add(CE.From.Func, CE.From.Index, CE.To.Func, CE.To.Index, CE.Trace,
              Links[CE.Trace].Len, CE.Cleaned, CE.Flags, 0);
        } else if (CE.From.Kind == In::Global) {
          auto It = GlobalSources.find(CE.From.Name);
          if (It == GlobalSources.end())
            continue;
          for (const ClosedEdge *G : It->second)
            Add(G->From.Func, G->From.Index, CE.To.Func, CE.To.Index, G->Trace,
                Links[G->Trace].Len + Links[CE.Trace].Len, G->Cleaned | CE.Cleaned,
                G->Flags | CE.Flags, CE.Trace);
        }
      }
    std::vector<Flow> Result;
    for (auto &[K, B] : Found) {
      Flow Fl;
      Fl.Source = Sums[std::get<0>(K)].Sources[std::get<1>(K)];
      Fl.Sink = Sums[std::get<2>(K)].Sinks[std::get<3>(K)];
      Fl.Steps = steps(B.Trace);
      appendSteps(Fl.Steps, B.Extra);
      Fl.Flags = B.Flags;
      Fl.Cleaned = B.Cleaned;
      Fl.SinkSummary = std::get<2>(K);
      Result.push_back(std::move(Fl));
    }
    auto Where = [](const Step &S) { return std::tie(S.File, S.Line, S.Column); };
    std::stable_sort(Result.begin(), Result.end(), [&](const Flow &A, const Flow &B) {
      if (Where(A.Sink.Where) != Where(B.Sink.Where))
        return Where(A.Sink.Where) < Where(B.Sink.Where);
      return Where(A.Source.Where) < Where(B.Source.Where);
    });
    return Result;
  }

  // Scratch for walk(), kept to reuse their memory.
  llvm::DenseSet<std::tuple<PortKey, uint32_t, uint8_t>> Seen;
  std::vector<Walk> Queue;
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
  case PortKind::Join: return "join";
  }
  return "";
}

/// Writes summaries as a stream (no JSON tree: a TU of SQLite's size has 12 MB of
/// them). The files of the steps are written once, after the summaries; a step names
/// its file by index.
class SummaryWriter {
public:
  explicit SummaryWriter(llvm::json::OStream &J) : J(J) {}

  void write(llvm::ArrayRef<FunctionSummary> Summaries) {
    J.attributeArray("summaries", [&] {
      for (const FunctionSummary &S : Summaries)
        summary(S);
    });
    J.attributeArray("files", [&] {
      for (llvm::StringRef P : Paths)
        J.value(P);
    });
  }

private:
  llvm::json::OStream &J;
  llvm::StringMap<unsigned> Ids;
  std::vector<llvm::StringRef> Paths;

  void step(const Step &S) {
    auto [It, New] = Ids.try_emplace(S.File, Paths.size());
    if (New)
      Paths.push_back(It->getKey());
    J.array([&] {
      J.value(It->second);
      J.value(S.Line);
      J.value(S.Column);
      J.value(S.Message);
    });
  }
  /// [kind, index, site] or, for a global, [kind, index, site, name].
  void port(const Port &P) {
    J.array([&] {
      J.value(portKindName(P.Kind));
      J.value(P.Index);
      J.value(P.Site);
      if (!P.Name.empty())
        J.value(P.Name);
    });
  }
  /// An object of two strings and a place: {A: a, B: b, ..., "at": step}.
  void site(const char *KA, llvm::StringRef A, const char *KB, llvm::StringRef B,
            const Step &Where, llvm::function_ref<void()> More = [] {}) {
    J.object([&] {
      J.attribute(KA, A);
      J.attribute(KB, B);
      More();
      J.attributeBegin("at");
      step(Where);
      J.attributeEnd();
    });
  }
  void summary(const FunctionSummary &S) {
    J.object([&] {
      J.attribute("usr", S.USR);
      J.attribute("name", S.Name);
      J.attributeArray("sources", [&] {
        for (const SourceSite &X : S.Sources)
          site("kind", X.Kind, "what", X.What, X.Where);
      });
      J.attributeArray("sinks", [&] {
        for (const SinkSite &X : S.Sinks)
          site("kind", X.Kind, "what", X.What, X.Where, [&] {
            if (!X.Role.empty())
              J.attribute("role", X.Role);
            if (X.Remote)
              J.attribute("remote", true);
          });
      });
      J.attributeArray("calls", [&] {
        for (const CallSite &X : S.Calls)
          site("callee", X.Callee, "name", X.Name, X.Where);
      });
      J.attributeArray("edges", [&] {
        for (const Edge &E : S.Edges)
          J.object([&] {
            J.attributeBegin("from");
            port(E.From);
            J.attributeEnd();
            J.attributeBegin("to");
            port(E.To);
            J.attributeEnd();
            if (!E.Steps.empty())
              J.attributeArray("steps", [&] {
                for (const Step &St : E.Steps)
                  step(St);
              });
            if (E.Cleaned)
              J.attribute("cleaned", E.Cleaned);
            if (E.Flags)
              J.attribute("flags", E.Flags);
          });
      });
    });
  }
};

} // namespace

std::vector<Flow> taint::link(const std::vector<FunctionSummary> &Summaries) {
  return Linker(Summaries).run();
}

std::vector<bool> taint::onFlowPaths(llvm::ArrayRef<CallGraphNode> Nodes,
                                     const KindPairs &Asked) {
  size_t N = Nodes.size();
  uint32_t Sources = 0, Sinks = 0;
  for (const CallGraphNode &F : Nodes)
    Sources |= F.SourceKinds, Sinks |= F.SinkKinds;
  uint32_t PairedSources = 0, PairedSinks = 0;
  auto SrcKinds = sourceKinds();
  auto SnkKinds = sinkKinds();
  for (size_t I = 0; I < SrcKinds.size(); ++I)
    for (size_t J = 0; J < SnkKinds.size(); ++J)
      if ((Sources >> I & 1) && (Sinks >> J & 1) && Asked(SrcKinds[I], SnkKinds[J]))
        PairedSources |= 1u << I, PairedSinks |= 1u << J;
  if (!PairedSources)
    return std::vector<bool>(N, false);
  std::vector<llvm::SmallVector<unsigned, 4>> Callers(N);
  for (unsigned I = 0; I < N; ++I)
    for (unsigned C : Nodes[I].Callees)
      if (C < N)
        Callers[C].push_back(I);
  // The functions that \p Start holds, and everything reached from them through Next.
  auto Close = [&](llvm::function_ref<bool(unsigned)> Start, auto &&Next) {
    std::vector<bool> In(N, false);
    std::vector<unsigned> Work;
    for (unsigned I = 0; I < N; ++I)
      if (Start(I))
        In[I] = true, Work.push_back(I);
    while (!Work.empty()) {
      unsigned F = Work.back();
      Work.pop_back();
      for (unsigned G : Next(F))
        if (G < N && !In[G])
          In[G] = true, Work.push_back(G);
    }
    return In;
  };
  auto Up = [&](unsigned F) -> llvm::ArrayRef<unsigned> { return Callers[F]; };
  std::vector<bool> AboveSource =
      Close([&](unsigned I) { return Nodes[I].SourceKinds & PairedSources; }, Up);
  std::vector<bool> AboveSink =
      Close([&](unsigned I) { return Nodes[I].SinkKinds & PairedSinks; }, Up);
  std::vector<bool> AboveGlobal = Close([&](unsigned I) { return Nodes[I].Globals; }, Up);
  std::vector<bool> Meeting(N, false);
  bool Any = false;
  for (unsigned I = 0; I < N; ++I) {
    // Source and sink meet; or a global is written on the way from a source, or read
    // on the way to a sink, or read and written further on.
    unsigned Ends = AboveSource[I] + AboveSink[I] + AboveGlobal[I];
    Meeting[I] = Ends >= 2 || (AboveGlobal[I] && Nodes[I].Globals);
    Any |= Meeting[I] && (AboveSource[I] || AboveSink[I]);
  }
  if (!Any) // a global alone, between no source and no sink
    return std::vector<bool>(N, false);
  return Close([&](unsigned I) { return Meeting[I]; },
               [&](unsigned F) -> llvm::ArrayRef<unsigned> { return Nodes[F].Callees; });
}

void taint::writeFunctions(llvm::json::OStream &J, llvm::ArrayRef<FunctionNode> Functions) {
  // {"usrs": [...], "nodes": [[usr, source kinds, sink kinds, globals, [callee usrs]]]}:
  // a USR is written once, however many functions call it.
  llvm::StringMap<unsigned> Ids;
  std::vector<llvm::StringRef> USRs;
  auto Id = [&](llvm::StringRef U) {
    auto [It, New] = Ids.try_emplace(U, USRs.size());
    if (New)
      USRs.push_back(It->getKey());
    return It->second;
  };
  for (const FunctionNode &F : Functions) {
    Id(F.USR);
    for (const std::string &C : F.Calls)
      Id(C);
  }
  J.attributeObject("functions", [&] {
    J.attributeArray("usrs", [&] {
      for (llvm::StringRef U : USRs)
        J.value(U);
    });
    J.attributeArray("nodes", [&] {
      for (const FunctionNode &F : Functions)
        J.array([&] {
          J.value(Ids[F.USR]);
          J.value(F.SourceKinds);
          J.value(F.SinkKinds);
          J.value(F.Globals);
          J.array([&] {
            for (const std::string &C : F.Calls)
              J.value(Ids[C]);
          });
        });
    });
  });
}

void taint::writeSummaries(llvm::json::OStream &J, llvm::ArrayRef<FunctionSummary> Summaries) {
  SummaryWriter(J).write(Summaries);
}

llvm::json::Object taint::toJSON(llvm::ArrayRef<FunctionSummary> Summaries,
                                 llvm::ArrayRef<FunctionNode> Functions) {
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    llvm::json::OStream J(OS);
    J.object([&] {
      writeSummaries(J, Summaries);
      if (!Functions.empty())
        writeFunctions(J, Functions);
    });
  }
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) { // cannot happen: OStream writes valid JSON
    llvm::consumeError(V.takeError());
    return {};
  }
  return std::move(*V->getAsObject());
}

namespace {
/// Reads summaries with nlohmann::json (four times the speed of llvm::json on the
/// megabytes a TU can have), never throwing: every value's type is checked first.
class SummaryReader {
public:
  using J = nlohmann::json;
  std::vector<std::string> Files;
  std::string Error;

  bool fail(llvm::StringRef Msg) {
    if (Error.empty())
      Error = Msg.str();
    return false;
  }

  bool summary(const J &V, FunctionSummary &S) {
    if (!V.is_object())
      return fail("a summary is not an object");
    if (!str(V, "usr", S.USR) || !str(V, "name", S.Name))
      return false;
    const J *Sources = arr(V, "sources"), *Sinks = arr(V, "sinks"), *Calls = arr(V, "calls"),
            *Edges = arr(V, "edges");
    if (!Sources || !Sinks || !Calls || !Edges)
      return false;
    for (const J &X : *Sources) {
      SourceSite Site;
      if (!site(X, "kind", Site.Kind, "what", Site.What, Site.Where))
        return fail("a source is not {kind, what, at}");
      S.Sources.push_back(std::move(Site));
    }
    for (const J &X : *Sinks) {
      SinkSite Site;
      if (!site(X, "kind", Site.Kind, "what", Site.What, Site.Where))
        return fail("a sink is not {kind, what, at}");
      if (const J *Role = get(X, "role"); Role && Role->is_string())
        Site.Role = Role->get_ref<const std::string &>();
      if (const J *Remote = get(X, "remote"); Remote && Remote->is_boolean())
        Site.Remote = Remote->get<bool>();
      S.Sinks.push_back(std::move(Site));
    }
    for (const J &X : *Calls) {
      CallSite Site;
      if (!site(X, "callee", Site.Callee, "name", Site.Name, Site.Where))
        return fail("a call is not {callee, name, at}");
      S.Calls.push_back(std::move(Site));
    }
    for (const J &X : *Edges) {
      Edge E;
      if (!X.is_object() || !port(get(X, "from"), E.From) || !port(get(X, "to"), E.To))
        return fail("an edge is not {from, to}");
      if (const J *Steps = get(X, "steps")) {
        if (!Steps->is_array())
          return fail("an edge's steps are not an array");
        E.Steps.resize(Steps->size());
        for (size_t I = 0; I < Steps->size(); ++I)
          if (!step(&(*Steps)[I], E.Steps[I]))
            return false;
      }
      E.Cleaned = uint32_t(integer(get(X, "cleaned")));
      E.Flags = uint8_t(integer(get(X, "flags")));
      S.Edges.push_back(std::move(E));
    }
    // Indices must point into the tables (a damaged cache file must not crash link).
    for (const Edge &E : S.Edges)
      for (const Port *P : {&E.From, &E.To})
        if ((P->Kind == PortKind::Source && unsigned(P->Index) >= S.Sources.size()) ||
            (P->Kind == PortKind::Sink && unsigned(P->Index) >= S.Sinks.size()) ||
            ((P->Kind == PortKind::CallArg || P->Kind == PortKind::CallResult) &&
             P->Site >= S.Calls.size()))
          return fail("an edge names a source, sink or call that is not listed");
    return true;
  }

private:
  /// {KA: a, KB: b, "at": step}, as SummaryWriter::site writes it.
  bool site(const J &X, const char *KA, std::string &A, const char *KB, std::string &B,
            Step &Where) {
    return X.is_object() && str(X, KA, A) && str(X, KB, B) && step(get(X, "at"), Where);
  }
  static const J *get(const J &O, const char *Key) {
    auto It = O.find(Key);
    return It == O.end() ? nullptr : &*It;
  }
  static int64_t integer(const J *V) {
    return V && V->is_number_integer() ? V->get<int64_t>() : 0;
  }
  bool str(const J &O, const char *Key, std::string &To) {
    const J *V = get(O, Key);
    if (!V || !V->is_string())
      return fail((llvm::Twine("'") + Key + "' is missing or not a string").str());
    To = V->get_ref<const std::string &>();
    return true;
  }
  const J *arr(const J &O, const char *Key) {
    const J *V = get(O, Key);
    if (!V || !V->is_array()) {
      fail((llvm::Twine("'") + Key + "' is missing or not an array").str());
      return nullptr;
    }
    return V;
  }
  bool step(const J *V, Step &S) {
    if (!V || !V->is_array() || V->size() != 4 || !(*V)[0].is_number_integer() ||
        !(*V)[1].is_number_integer() || !(*V)[2].is_number_integer() || !(*V)[3].is_string())
      return fail("a step is not [file, line, column, message]");
    int64_t File = (*V)[0].get<int64_t>();
    if (File < 0 || uint64_t(File) >= Files.size())
      return fail("a step names a file that is not listed");
    S.File = Files[File];
    S.Line = unsigned((*V)[1].get<int64_t>());
    S.Column = unsigned((*V)[2].get<int64_t>());
    S.Message = (*V)[3].get_ref<const std::string &>();
    return true;
  }
  bool port(const J *V, Port &P) {
    if (!V || !V->is_array() || V->size() < 3 || V->size() > 4 || !(*V)[0].is_string() ||
        !(*V)[1].is_number_integer() || !(*V)[2].is_number_unsigned() ||
        (V->size() == 4 && !(*V)[3].is_string()))
      return fail("a port is not [kind, index, site(, name)]");
    const std::string &K = (*V)[0].get_ref<const std::string &>();
    bool Known = false;
    for (int I = 0; I <= int(PortKind::Join); ++I)
      if (K == portKindName(PortKind(I))) {
        P.Kind = PortKind(I);
        Known = true;
      }
    if (!Known)
      return fail("a port has an unknown kind");
    P.Index = int((*V)[1].get<int64_t>());
    P.Site = unsigned((*V)[2].get<uint64_t>());
    P.Name = V->size() == 4 ? (*V)[3].get_ref<const std::string &>() : "";
    return true;
  }
};
} // namespace

namespace {
/// \p V as an llvm::json value; none if it nests deeper than the small objects a
/// worker writes beside its summaries (its rules) ever do: converting, printing or
/// parsing a deeper one recurses, and a hostile file must not exhaust the stack.
std::optional<llvm::json::Value> toLLVM(const nlohmann::json &V, unsigned Depth) {
  if (Depth > 32)
    return std::nullopt;
  switch (V.type()) {
  case nlohmann::json::value_t::object: {
    llvm::json::Object O;
    for (auto It = V.begin(); It != V.end(); ++It) {
      std::optional<llvm::json::Value> X = toLLVM(It.value(), Depth + 1);
      if (!X)
        return std::nullopt;
      O[It.key()] = std::move(*X);
    }
    return llvm::json::Value(std::move(O));
  }
  case nlohmann::json::value_t::array: {
    llvm::json::Array A;
    for (const nlohmann::json &E : V) {
      std::optional<llvm::json::Value> X = toLLVM(E, Depth + 1);
      if (!X)
        return std::nullopt;
      A.push_back(std::move(*X));
    }
    return llvm::json::Value(std::move(A));
  }
  case nlohmann::json::value_t::string:
    return llvm::json::Value(V.get_ref<const std::string &>());
  case nlohmann::json::value_t::boolean:
    return llvm::json::Value(V.get<bool>());
  case nlohmann::json::value_t::number_integer:
    return llvm::json::Value(V.get<int64_t>());
  case nlohmann::json::value_t::number_unsigned:
    return llvm::json::Value(V.get<uint64_t>());
  case nlohmann::json::value_t::number_float:
    return llvm::json::Value(V.get<double>());
  default:
    return llvm::json::Value(nullptr);
  }
}
} // namespace

namespace {
/// Reads what writeFunctions wrote; "" or what is wrong.
std::string readFunctions(const nlohmann::json &V, std::vector<FunctionNode> &Out) {
  auto U = V.find("usrs"), N = V.find("nodes");
  if (!V.is_object() || U == V.end() || N == V.end() || !U->is_array() || !N->is_array())
    return "'functions' is not {usrs, nodes}";
  for (const nlohmann::json &X : *U)
    if (!X.is_string())
      return "a function's USR is not a string";
  auto Name = [&](const nlohmann::json &I) -> const std::string * {
    if (!I.is_number_unsigned() || I.get<uint64_t>() >= U->size())
      return nullptr;
    return &(*U)[I.get<uint64_t>()].get_ref<const std::string &>();
  };
  for (const nlohmann::json &X : *N) {
    if (!X.is_array() || X.size() != 5 || !X[1].is_number_unsigned() ||
        !X[2].is_number_unsigned() || !X[3].is_boolean() || !X[4].is_array())
      return "a function is not [usr, source kinds, sink kinds, globals, calls]";
    FunctionNode F;
    const std::string *USR = Name(X[0]);
    if (!USR)
      return "a function names a USR that is not listed";
    F.USR = *USR;
    F.SourceKinds = uint32_t(X[1].get<uint64_t>());
    F.SinkKinds = uint32_t(X[2].get<uint64_t>());
    F.Globals = X[3].get<bool>();
    for (const nlohmann::json &C : X[4]) {
      const std::string *Callee = Name(C);
      if (!Callee)
        return "a call names a USR that is not listed";
      F.Calls.push_back(*Callee);
    }
    Out.push_back(std::move(F));
  }
  return "";
}
} // namespace

llvm::Error taint::summariesFromText(llvm::StringRef Text, llvm::StringRef What,
                                     std::vector<FunctionSummary> &Out,
                                     llvm::json::Object *Rest,
                                     std::vector<FunctionNode> *Functions) {
  auto Fail = [&](llvm::StringRef Msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s: malformed taint summary: %s", What.str().c_str(),
                                   Msg.str().c_str());
  };
  nlohmann::json Doc = nlohmann::json::parse(Text.begin(), Text.end(), /*cb=*/nullptr,
                                             /*allow_exceptions=*/false);
  if (Doc.is_discarded() || !Doc.is_object())
    return Fail("not a JSON object");
  auto FA = Doc.find("files"), SA = Doc.find("summaries");
  if (FA == Doc.end() || SA == Doc.end() || !FA->is_array() || !SA->is_array())
    return Fail("'files' or 'summaries' is missing or not an array");
  SummaryReader R;
  for (const nlohmann::json &F : *FA) {
    if (!F.is_string())
      return Fail("a file is not a string");
    R.Files.push_back(F.get<std::string>());
  }
  for (const nlohmann::json &V : *SA) {
    FunctionSummary S;
    if (!R.summary(V, S))
      return Fail(R.Error);
    Out.push_back(std::move(S));
  }
  if (auto FN = Doc.find("functions"); Functions && FN != Doc.end())
    if (std::string Err = readFunctions(*FN, *Functions); !Err.empty())
      return Fail(Err);
  if (Rest)
    for (auto It = Doc.begin(); It != Doc.end(); ++It) {
      if (It.key() == "files" || It.key() == "summaries" || It.key() == "functions")
        continue;
      std::optional<llvm::json::Value> V = toLLVM(It.value(), 0);
      if (!V)
        return Fail("'" + It.key() + "' nests too deep");
      (*Rest)[It.key()] = std::move(*V);
    }
  return llvm::Error::success();
}
