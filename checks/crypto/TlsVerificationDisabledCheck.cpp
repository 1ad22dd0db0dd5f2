//===- TlsVerificationDisabledCheck.cpp ------------------------------------===//
#include "TlsVerificationDisabledCheck.h"
#include "vibeguard/AST/ExprUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace vibeguard::tidy {

namespace {
/// A verify callback whose body only returns 1 (or true): it accepts every chain.
bool alwaysAccepts(const Expr *Callback) {
  const Expr *E = Callback->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const FunctionDecl *FD = nullptr;
  // A lambda converts to the callback type through its conversion operator.
  if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(E))
    E = Conv->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    E = M->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    FD = dyn_cast<FunctionDecl>(DRE->getDecl());
  else if (const auto *L = dyn_cast<LambdaExpr>(E))
    FD = L->getCallOperator();
  if (!FD || !FD->hasBody())
    return false;
  if (const FunctionDecl *Def = FD->getDefinition())
    FD = Def;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body)
    return false;
  const ReturnStmt *Ret = nullptr;
  for (const Stmt *S : Body->body()) {
    if (const auto *R = dyn_cast<ReturnStmt>(S))
      Ret = R;
    else if (const auto *CE = dyn_cast<CStyleCastExpr>(S);
             CE && CE->getType()->isVoidType()) // (void)preverify_ok;
      continue;
    else
      return false;
  }
  if (!Ret || !Ret->getRetValue())
    return false;
  std::optional<uint64_t> V = ast::integerValue(Ret->getRetValue(), FD->getASTContext());
  return V && *V == 1;
}

const char *const OldMethods[] = {
    "SSLv2_method",        "SSLv2_client_method",   "SSLv2_server_method",
    "SSLv3_method",        "SSLv3_client_method",   "SSLv3_server_method",
    "TLSv1_method",        "TLSv1_client_method",   "TLSv1_server_method",
    "TLSv1_1_method",      "TLSv1_1_client_method", "TLSv1_1_server_method",
    "DTLSv1_method",       "DTLSv1_client_method",  "DTLSv1_server_method"};
} // namespace

void TlsVerificationDisabledCheck::registerMatchers(MatchFinder *Finder) {
  onEach<CallExpr>(Finder, [this](const CallExpr &E, ASTContext &Ctx) {
    if (isa_and_nonnull<FunctionDecl>(E.getCalleeDecl()))
      onMatch(Matched(Ctx).with("call", E));
  });
}

void TlsVerificationDisabledCheck::onMatch(const Matched &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  ASTContext &Ctx = *Result.Context;
  StringRef Fn = ast::calleeName(*Call);
  unsigned N = Call->getNumArgs();
  auto Arg = [&](unsigned I) { return ast::argumentSpelling(Call->getArg(I), Ctx); };
  auto Value = [&](unsigned I) { return ast::integerValue(Call->getArg(I), Ctx); };

  if (Fn == "curl_easy_setopt" && N == 3) {
    std::string Opt = Arg(1);
    bool Verify = llvm::is_contained(
        {"CURLOPT_SSL_VERIFYPEER", "CURLOPT_SSL_VERIFYHOST", "CURLOPT_PROXY_SSL_VERIFYPEER",
         "CURLOPT_PROXY_SSL_VERIFYHOST", "CURLOPT_DOH_SSL_VERIFYPEER",
         "CURLOPT_DOH_SSL_VERIFYHOST"},
        StringRef(Opt));
    if (Verify && Value(2) == 0u)
      diag(ast::userLoc(Call->getArg(2), Ctx),
           "'%0' set to 0 turns off TLS certificate verification: anyone on the network "
           "path can impersonate the server")
          << Opt;
    if (Opt == "CURLOPT_SSLVERSION") {
      std::string V = Arg(2);
      if (llvm::is_contained({"CURL_SSLVERSION_SSLv2", "CURL_SSLVERSION_SSLv3",
                              "CURL_SSLVERSION_TLSv1_0", "CURL_SSLVERSION_TLSv1_1",
                              "CURL_SSLVERSION_TLSv1"},
                             StringRef(V)))
        diag(ast::userLoc(Call->getArg(2), Ctx),
             "'%0' allows a protocol version before TLS 1.2; use "
             "CURL_SSLVERSION_TLSv1_2 or later")
            << V;
    }
    return;
  }
  if ((Fn == "SSL_CTX_set_verify" || Fn == "SSL_set_verify") && N == 3) {
    if (Arg(1) == "SSL_VERIFY_NONE" || Value(1) == 0u)
      diag(ast::userLoc(Call->getArg(1), Ctx),
           "'%0' with SSL_VERIFY_NONE does not verify the peer's certificate; use "
           "SSL_VERIFY_PEER and load trusted CAs")
          << Fn;
    else if (alwaysAccepts(Call->getArg(2)))
      diag(ast::userLoc(Call->getArg(2), Ctx),
           "verify callback accepts every certificate chain (it always returns 1), "
           "which turns off certificate verification");
    return;
  }
  if ((Fn == "SSL_CTX_set_cert_verify_callback" && N == 3) ||
      ((Fn == "X509_STORE_set_verify_cb" || Fn == "X509_STORE_CTX_set_verify_cb") &&
       N == 2)) {
    if (alwaysAccepts(Call->getArg(1)))
      diag(ast::userLoc(Call->getArg(1), Ctx),
           "verify callback accepts every certificate chain (it always returns 1), "
           "which turns off certificate verification");
    return;
  }
  if (Fn == "mbedtls_ssl_conf_authmode" && N == 2 && Arg(1) == "MBEDTLS_SSL_VERIFY_NONE") {
    diag(ast::userLoc(Call->getArg(1), Ctx),
         "MBEDTLS_SSL_VERIFY_NONE does not verify the peer's certificate; use "
         "MBEDTLS_SSL_VERIFY_REQUIRED");
    return;
  }
  if (llvm::is_contained(OldMethods, Fn)) {
    diag(ast::userLoc(Call, Ctx), "'%0' negotiates a protocol version before TLS 1.2, which "
                              "has known attacks; use TLS_method() with a minimum of "
                              "TLS1_2_VERSION")
        << Fn;
    return;
  }
  // SSL_CTX_set_min_proto_version(ctx, v) is SSL_CTX_ctrl(ctx, 123, v, NULL).
  if ((Fn == "SSL_CTX_ctrl" || Fn == "SSL_ctrl") && N == 4 &&
      (Arg(1) == "SSL_CTRL_SET_MIN_PROTO_VERSION" || Value(1) == 123u)) {
    if (std::optional<uint64_t> V = Value(2); V && *V < 0x0303) {
      std::string Name = Arg(2);
      diag(ast::userLoc(Call->getArg(2), Ctx),
           "minimum protocol version %0 allows versions before TLS 1.2; use "
           "TLS1_2_VERSION or later")
          << (*V == 0 ? std::string("0 (no minimum)")
                      : Name.empty() ? std::to_string(*V) : Name);
    }
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
      MC && Fn == "enable_server_certificate_verification" && N == 1 && Value(0) == 0u) {
    diag(ast::userLoc(Call, Ctx), "'enable_server_certificate_verification(false)' turns off "
                              "TLS certificate verification for this client");
    return;
  }
}

} // namespace vibeguard::tidy
