//===- ExprUtil.h - Small questions about expressions the checks share ------===//
#ifndef VIBEGUARD_AST_EXPRUTIL_H
#define VIBEGUARD_AST_EXPRUTIL_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
}

namespace vibeguard::ast {

/// \p E without parentheses, casts, cleanups and temporaries around it.
const clang::Expr *ignoreWrappers(const clang::Expr *E);

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

/// What an argument spells: its macro or enumerator name, else its string literal's
/// text, else "". Used to match algorithm selectors (CALG_MD5, "DES-EDE3-CBC").
std::string argumentSpelling(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The value of an integer constant expression.
std::optional<uint64_t> integerValue(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The function (or lambda's call operator) whose body contains \p S.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt &S,
                                             clang::ASTContext &Ctx);

/// Whether \p E is data fixed at compile time: a string literal, or a variable whose
/// initializer is a literal or a list of constants and that nothing else writes (const,
/// or a local whose address no other call in \p Fn receives and that no assignment
/// changes). \p UseSite is the expression that is allowed to receive it.
bool isConstantData(const clang::Expr *E, const clang::FunctionDecl *Fn,
                    const clang::Expr *UseSite, clang::ASTContext &Ctx);

/// A comparison of two values: strcmp/memcmp/... calls, == and != on strings,
/// a.compare(b), std::equal(first1, last1, first2).
struct Comparison {
  const clang::Expr *LHS = nullptr, *RHS = nullptr;
  std::string How; ///< "strcmp", "==", "compare", "equal"
};
std::optional<Comparison> asComparison(const clang::Stmt &S);

/// Whether \p E is NULL, nullptr, 0 or "": comparing with it reveals nothing.
bool isTrivialOperand(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The stream of `a << b << c` (a), with the operands (b, c) in order.
const clang::Expr *flattenShiftChain(const clang::CXXOperatorCallExpr *Top,
                                     llvm::SmallVectorImpl<const clang::Expr *> &Operands);

/// Where to report \p E: the place in the user's file, even when \p E comes from a
/// macro defined in a system header (SSL_VERIFY_NONE), whose own location clang-tidy
/// would suppress.
clang::SourceLocation userLoc(const clang::Expr *E, const clang::ASTContext &Ctx);

/// Calls \p Fn on \p S and every statement below it (pre-order).
void forEachSubStmt(const clang::Stmt *S,
                    llvm::function_ref<void(const clang::Stmt &)> Fn);

/// Calls \p Fn on every statement below \p Root (pre-order) with the statements
/// between Root and it (Ancestors.back() is its parent). Checks that follow values
/// upwards use this instead of the AST context's parent map, which costs a pass over
/// the whole translation unit to build.
void forEachStmtWithAncestors(
    const clang::Stmt *Root,
    llvm::function_ref<void(const clang::Stmt &, llvm::ArrayRef<const clang::Stmt *>)> Fn);

/// The callee's name of a call, or "".
llvm::StringRef calleeName(const clang::CallExpr &Call);

/// Whether \p Loc is in a system header or a path containing one of \p Dirs
/// ("vendor/", "third_party/"), as a whole path component.
bool isInVendoredCode(clang::SourceLocation Loc, const clang::SourceManager &SM,
                      llvm::ArrayRef<std::string> Dirs);

/// isInVendoredCode, answered once per file (checks ask it for every literal).
class VendoredCode {
public:
  explicit VendoredCode(const std::vector<std::string> &Dirs) : Dirs(Dirs) {}
  bool contains(clang::SourceLocation Loc, const clang::SourceManager &SM);

private:
  const std::vector<std::string> &Dirs;
  const clang::SourceManager *Cached = nullptr; ///< the answers are this unit's
  llvm::DenseMap<clang::FileID, bool> ByFile;
};

} // namespace vibeguard::ast

#endif
