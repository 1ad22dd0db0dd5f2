//===- Identifier.h - Splitting identifiers into words ---------------------===//
#ifndef VIBEGUARD_SUPPORT_IDENTIFIER_H
#define VIBEGUARD_SUPPORT_IDENTIFIER_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace vibeguard {

/// Splits an identifier (or a short label such as "API key:") into lowercase words at
/// case changes, digits and non-alphanumerics: "kDbPASSWORD_v2" -> {k, db, password,
/// v2}, "HTTPServer" -> {http, server}. Digits stay attached to the word they follow.
std::vector<std::string> splitIdentifierWords(llvm::StringRef Name);

} // namespace vibeguard

#endif
