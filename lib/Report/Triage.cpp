//===- Triage.cpp - Reading, writing and applying triage decisions -------------===//
#include "vibeguard/Report/Triage.h"
#include "vibeguard/Support/YAML.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include <ctime>
#include <set>

using namespace vibeguard;
using namespace vibeguard::report;

namespace {
struct FileShape {
  std::vector<Decision> Decisions;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(Decision)

namespace llvm::yaml {
template <> struct MappingTraits<Decision> {
  static void mapping(IO &Io, Decision &D) {
    Io.mapRequired("fingerprint", D.Fingerprint);
    Io.mapRequired("state", D.State);
    Io.mapOptional("rule", D.Rule, std::string());
    Io.mapOptional("location", D.Location, std::string());
    Io.mapOptional("justification", D.Justification, std::string());
    Io.mapOptional("owner", D.Owner, std::string());
    Io.mapOptional("expires", D.Expires, std::string());
    Io.mapOptional("decided", D.Decided, std::string());
  }
};
template <> struct MappingTraits<FileShape> {
  static void mapping(IO &Io, FileShape &F) { Io.mapRequired("decisions", F.Decisions); }
};
} // namespace llvm::yaml

namespace {
bool isDate(llvm::StringRef S) {
  unsigned Y, M, D;
  return S.size() == 10 && S[4] == '-' && S[7] == '-' && !S.substr(0, 4).getAsInteger(10, Y) &&
         !S.substr(5, 2).getAsInteger(10, M) && !S.substr(8, 2).getAsInteger(10, D) &&
         M >= 1 && M <= 12 && D >= 1 && D <= 31;
}

bool isFingerprint(llvm::StringRef S) {
  return S.size() == 32 && llvm::all_of(S, [](char C) { return llvm::isHexDigit(C); });
}
} // namespace

const Decision *TriageFile::find(llvm::StringRef Fingerprint) const {
  for (const Decision &D : Decisions)
    if (D.Fingerprint == Fingerprint)
      return &D;
  return nullptr;
}

void TriageFile::set(Decision D) {
  llvm::erase_if(Decisions, [&](const Decision &X) { return X.Fingerprint == D.Fingerprint; });
  Decisions.push_back(std::move(D));
  std::sort(Decisions.begin(), Decisions.end(), [](const Decision &A, const Decision &B) {
    return A.Fingerprint < B.Fingerprint;
  });
}

llvm::Expected<TriageFile> report::parseTriage(llvm::StringRef Text, llvm::StringRef Name) {
  FileShape F;
  if (Text.trim().empty())
    return TriageFile{};
  if (llvm::Error E = parseYAML(Text, Name, F))
    return std::move(E);
  std::set<std::string> Seen;
  for (size_t I = 0; I != F.Decisions.size(); ++I) {
    const Decision &D = F.Decisions[I];
    auto Bad = [&](const llvm::Twine &Msg) {
      return llvm::createStringError(std::errc::invalid_argument, "%s: decision %zu: %s",
                                     Name.str().c_str(), I, Msg.str().c_str());
    };
    if (!isFingerprint(D.Fingerprint))
      return Bad("fingerprint '" + D.Fingerprint + "' is not 32 hex digits");
    if (!Seen.insert(D.Fingerprint).second)
      return Bad("fingerprint " + D.Fingerprint + " is decided twice");
    if (!llvm::is_contained({"confirmed", "false-positive", "accepted-risk", "fixed"},
                            llvm::StringRef(D.State)))
      return Bad("unknown state '" + D.State +
                 "' (confirmed, false-positive, accepted-risk, fixed)");
    if (D.State == "accepted-risk" &&
        (D.Justification.empty() || D.Owner.empty() || D.Expires.empty()))
      return Bad("an accepted risk needs a justification, an owner and an expiry date");
    if (!D.Expires.empty() && !isDate(D.Expires))
      return Bad("expiry '" + D.Expires + "' is not a YYYY-MM-DD date");
    if (!D.Decided.empty() && !isDate(D.Decided))
      return Bad("decision date '" + D.Decided + "' is not a YYYY-MM-DD date");
  }
  TriageFile T;
  for (Decision &D : F.Decisions)
    T.set(std::move(D));
  return T;
}

llvm::Expected<TriageFile> report::readTriage(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parseTriage((*Buf)->getBuffer(), Path);
}

std::string report::toYAML(const TriageFile &T) {
  // Written by hand, not by llvm::yaml::Output, for a stable, comment-headed layout.
  auto Quote = [](llvm::StringRef S) {
    std::string Out = "\"";
    for (char C : S) {
      if (C == '"' || C == '\\')
        Out += '\\';
      if (C == '\n') {
        Out += "\\n";
        continue;
      }
      Out += C;
    }
    return Out + "\"";
  };
  std::string Out = "# vibeguard triage decisions, one per finding fingerprint. Review changes\n"
                    "# to this file like code: an accepted risk needs a justification, an\n"
                    "# owner and an expiry date, after which the finding is open again.\n"
                    "decisions:\n";
  if (T.Decisions.empty())
    return Out.substr(0, Out.size() - 1) + " []\n";
  for (const Decision &D : T.Decisions) {
    Out += "  - fingerprint: " + D.Fingerprint + "\n    state: " + D.State + "\n";
    for (auto [Key, Value] : {std::pair{"rule", &D.Rule}, std::pair{"location", &D.Location},
                              std::pair{"justification", &D.Justification},
                              std::pair{"owner", &D.Owner}, std::pair{"expires", &D.Expires},
                              std::pair{"decided", &D.Decided}})
      if (!Value->empty())
        Out += std::string("    ") + Key + ": " + Quote(*Value) + "\n";
  }
  return Out;
}

bool report::expired(const Decision &D, llvm::StringRef Today) {
  return D.State == "accepted-risk" && !D.Expires.empty() && D.Expires < Today;
}

std::string report::today() { return utcNow("%Y-%m-%d"); }

std::string report::utcNow(const char *Format) {
  std::time_t T = std::time(nullptr);
  std::tm Tm;
  gmtime_r(&T, &Tm);
  char Buf[64];
  size_t N = std::strftime(Buf, sizeof Buf, Format, &Tm);
  return std::string(Buf, N);
}

std::string report::stateOf(const TriageFile &T, llvm::StringRef Fingerprint,
                            llvm::StringRef Today) {
  const Decision *D = T.find(Fingerprint);
  if (!D || expired(*D, Today))
    return "open";
  return D->State;
}
