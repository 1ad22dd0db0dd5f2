//===- AuthUtil.h - What the auth checks share ------------------------------===//
#ifndef VIBEGUARD_CHECKS_AUTH_AUTHUTIL_H
#define VIBEGUARD_CHECKS_AUTH_AUTHUTIL_H

#include "vibeguard/AST/ExprUtil.h"
#include "vibeguard/Crypto/Crypto.h"
#include "clang/AST/Expr.h"

namespace vibeguard::tidy {

/// The name with role \p R that \p E mentions (itself, or a variable or field inside
/// it: (salt + password).c_str()), or "".
std::string mentionedName(const clang::Expr *E, crypto::Role R);

/// A comparison in which a password (not its hash) is one side.
struct PasswordComparison {
  ast::Comparison Cmp;
  std::string Password; ///< the password-named side
  bool WithLiteral = false;
};
std::optional<PasswordComparison> asPasswordComparison(const clang::Stmt &S,
                                                       const clang::ASTContext &Ctx);

} // namespace vibeguard::tidy

#endif
