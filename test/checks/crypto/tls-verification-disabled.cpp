// RUN: %check_clang_tidy %s vibeguard-crypto-tls-verification-disabled %t -- -DCPPHTTPLIB_OPENSSL_SUPPORT -Wno-deprecated-declarations

#include <curl/curl.h>
#include <httplib.h>
#include <mbedtls/ssl.h>
#include <openssl/ssl.h>

static int accept_all(int preverify_ok, X509_STORE_CTX *ctx) {
  (void)preverify_ok;
  (void)ctx;
  return 1;
}

void curl(CURL *h) {
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'CURLOPT_SSL_VERIFYPEER' set to 0 turns off TLS certificate verification: anyone on the network path can impersonate the server
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'CURLOPT_SSL_VERIFYHOST' set to 0 turns off TLS certificate verification: anyone on the network path can impersonate the server
  curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, false);
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'CURLOPT_PROXY_SSL_VERIFYPEER' set to 0 turns off TLS certificate verification: anyone on the network path can impersonate the server
  curl_easy_setopt(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'CURL_SSLVERSION_TLSv1_0' allows a protocol version before TLS 1.2; use CURL_SSLVERSION_TLSv1_2 or later
}

void openssl(SSL_CTX *ctx, SSL *ssl) {
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'SSL_CTX_set_verify' with SSL_VERIFY_NONE does not verify the peer's certificate; use SSL_VERIFY_PEER and load trusted CAs
  SSL_set_verify(ssl, SSL_VERIFY_PEER, accept_all);
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: verify callback accepts every certificate chain (it always returns 1), which turns off certificate verification
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER,
                     [](int, X509_STORE_CTX *) { return 1; });
                     // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: verify callback accepts every certificate chain (it always returns 1), which turns off certificate verification
  SSL_CTX *old = SSL_CTX_new(TLSv1_1_client_method());
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'TLSv1_1_client_method' negotiates a protocol version before TLS 1.2, which has known attacks; use TLS_method() with a minimum of TLS1_2_VERSION
  SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: minimum protocol version TLS1_VERSION allows versions before TLS 1.2; use TLS1_2_VERSION or later
  SSL_CTX_set_min_proto_version(ctx, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: minimum protocol version 0 (no minimum) allows versions before TLS 1.2; use TLS1_2_VERSION or later
  (void)old;
}

void mbed(mbedtls_ssl_config *conf) {
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: MBEDTLS_SSL_VERIFY_NONE does not verify the peer's certificate; use MBEDTLS_SSL_VERIFY_REQUIRED
}

void httplib_client() {
  httplib::SSLClient cli("api.example.com");
  cli.enable_server_certificate_verification(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'enable_server_certificate_verification(false)' turns off TLS certificate verification for this client
}

// ---- Safe lookalikes --------------------------------------------------------------
static int log_and_keep(int preverify_ok, X509_STORE_CTX *ctx) {
  if (!preverify_ok)
    fprintf(stderr, "certificate rejected at depth %d\n", X509_STORE_CTX_get_error_depth(ctx));
  return preverify_ok;
}

void safe(CURL *h, SSL_CTX *ctx, mbedtls_ssl_config *conf) {
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, log_and_keep);
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX *good = SSL_CTX_new(TLS_client_method());
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
  httplib::SSLClient cli("api.example.com");
  cli.enable_server_certificate_verification(true);
  (void)good;
}
