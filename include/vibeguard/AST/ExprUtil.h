//===- ExprUtil.h - Small questions about expressions the checks share ------===//
#ifndef VIBEGUARD_AST_EXPRUTIL_H
#define VIBEGUARD_AST_EXPRUTIL_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class ASTContext;
}

namespace vibeguard::ast {

/// The string literal \p E evaluates to, looking through parentheses, casts,
/// std::string/string_view construction, temporaries and one-element init lists.
const clang::StringLiteral *stringLiteralOf(const clang::Expr *E);

/// The literal's text; wide and UTF-16/32 literals are narrowed (non-ASCII becomes
/// '?'), which is all pattern matching needs.
std::string literalText(const clang::StringLiteral *SL);

/// Looks through implicit nodes, c_str()/data()/get()/value() calls and string
/// construction to the expression that names the value.
const clang::Expr *stripToNamedValue(const clang::Expr *E);

/// The name an expression gives its value: a variable or field name, the callee of a
/// getter call ("getPassword"), or the key of a map subscript (cfg["password"]).
/// Empty when it has none.
std::string nameOfValue(const clang::Expr *E);

/// Whether \p T holds text: a pointer to or array of a character type,
/// std::basic_string, std::basic_string_view, or a class named like a string.
bool isStringLike(clang::QualType T);

/// The enumerator or macro name an argument spells (CURLOPT_PASSWORD), or "".
std::string spelledConstantName(const clang::Expr *E, const clang::ASTContext &Ctx);

} // namespace vibeguard::ast

#endif
