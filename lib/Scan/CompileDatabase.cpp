//===- CompileDatabase.cpp --------------------------------------------------===//
#include "vibeguard/Support/Nesting.h"
#include "vibeguard/Scan/CompileDatabase.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

using namespace vibeguard::scan;

namespace {
llvm::Error bad(llvm::StringRef File, const llvm::Twine &Msg) {
  return llvm::createStringError(std::errc::invalid_argument, "%s: %s",
                                 File.str().c_str(), Msg.str().c_str());
}

std::string absoluteFrom(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    P = Base;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}
} // namespace

llvm::Expected<CompileDatabase> vibeguard::scan::loadCompileDatabase(llvm::StringRef PathOrDir) {
  llvm::SmallString<256> Path(PathOrDir);
  if (llvm::sys::fs::is_directory(Path))
    llvm::sys::path::append(Path, "compile_commands.json");
  if (std::error_code EC = llvm::sys::fs::make_absolute(Path))
    return bad(Path, "cannot resolve path: " + EC.message());
  llvm::sys::path::remove_dots(Path, true);
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return bad(Path, "cannot read: " + Buf.getError().message());
  return parseCompileDatabase((*Buf)->getBuffer(), Path);
}

llvm::Expected<CompileDatabase>
vibeguard::scan::parseCompileDatabase(llvm::StringRef Text, llvm::StringRef Path) {
  CompileDatabase DB;
  DB.Path = Path.str();
  auto Json = vibeguard::parseJSON(Text);
  if (!Json)
    return bad(Path, "invalid JSON: " + llvm::toString(Json.takeError()));
  const llvm::json::Array *Array = Json->getAsArray();
  if (!Array)
    return bad(Path, "expected a JSON array of compile commands");

  llvm::StringRef DBDir = llvm::sys::path::parent_path(Path);
  llvm::StringSet<> Seen;
  for (size_t I = 0; I != Array->size(); ++I) {
    auto Where = [&](const llvm::Twine &Msg) {
      return bad(Path, "entry " + llvm::Twine(I) + ": " + Msg);
    };
    const llvm::json::Object *O = (*Array)[I].getAsObject();
    if (!O)
      return Where("not an object");
    std::optional<llvm::StringRef> Dir = O->getString("directory");
    std::optional<llvm::StringRef> File = O->getString("file");
    if (!Dir)
      return Where("missing \"directory\"");
    if (!File)
      return Where("missing \"file\"");
    CompileEntry E;
    E.Directory = absoluteFrom(DBDir, *Dir);
    E.File = absoluteFrom(E.Directory, *File);
    if (const llvm::json::Array *Args = O->getArray("arguments")) {
      for (const llvm::json::Value &A : *Args) {
        std::optional<llvm::StringRef> S = A.getAsString();
        if (!S)
          return Where("\"arguments\" must be strings");
        E.Arguments.push_back(S->str());
      }
    } else if (std::optional<llvm::StringRef> Cmd = O->getString("command")) {
      llvm::BumpPtrAllocator Alloc;
      llvm::StringSaver Saver(Alloc);
      llvm::SmallVector<const char *, 32> Tokens;
      llvm::cl::TokenizeGNUCommandLine(*Cmd, Saver, Tokens);
      for (const char *T : Tokens)
        E.Arguments.push_back(T);
    } else {
      return Where("needs \"arguments\" or \"command\"");
    }
    if (E.Arguments.empty())
      return Where("empty command");
    if (!llvm::sys::fs::exists(E.File)) {
      DB.Skipped.push_back("entry " + std::to_string(I) + ": " + E.File +
                           ": no such file");
      continue;
    }
    std::string Key = E.File + '\0' + E.Directory;
    for (const std::string &A : E.Arguments)
      Key += '\0' + A;
    if (!Seen.insert(Key).second)
      continue; // the same command twice
    DB.Entries.push_back(std::move(E));
  }
  return std::move(DB);
}
