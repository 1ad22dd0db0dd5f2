//===- NodeDispatch.cpp ---------------------------------------------------===//
#include "NodeDispatch.h"

#include <map>
#include <mutex>

namespace vibeguard::tidy {

std::shared_ptr<NodeDispatch> NodeDispatch::of(clang::ast_matchers::MatchFinder *Finder) {
  // clangd builds ASTs on several threads, each with its own finder.
  static std::mutex Lock;
  static std::map<clang::ast_matchers::MatchFinder *, std::weak_ptr<NodeDispatch>> All;
  std::lock_guard<std::mutex> Guard(Lock);
  for (auto It = All.begin(); It != All.end();) // a finder's checks are gone: so is it
    It = It->second.expired() ? All.erase(It) : std::next(It);
  std::weak_ptr<NodeDispatch> &W = All[Finder];
  std::shared_ptr<NodeDispatch> D = W.lock();
  if (!D) {
    D = std::make_shared<NodeDispatch>(Finder);
    W = D;
  }
  return D;
}

} // namespace vibeguard::tidy
