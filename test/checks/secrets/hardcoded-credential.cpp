// RUN: %check_clang_tidy %s vibeguard-secrets-hardcoded-credential %t -- -DSQLITE_HAS_CODEC -DLDAP_DEPRECATED=1 -I/usr/include/postgresql -I/usr/include/mysql

#include <curl/curl.h>
#include <ldap.h>
#include <libpq-fe.h>
#include <libssh2.h>
#include <mysql.h>
#include <sqlcipher/sqlite3.h>
#include <cstdlib>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

// ---- Variables, fields, parameter defaults, macros --------------------------------

const char *db_password = "Sup3rS3cret!";
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: hardcoded credential 'Sup...' (12 chars) in 'db_password'; load it at run time from a secret store or the environment [vibeguard-secrets-hardcoded-credential]
static const std::string kApiKey = "9f8a7sd6f5a4s3d2f1g0h9j8";
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: hardcoded credential '9f8a...' (24 chars) in 'kApiKey'
constexpr std::string_view CLIENT_SECRET = "cs_live_0a9s8d7f6g5h4j3k";
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: hardcoded credential 'cs_l...' (24 chars) in 'CLIENT_SECRET'
const char *service_api_key = "ak-"
                              "9QkLm2Nc8Pq4Rz7T";
// CHECK-MESSAGES: :[[@LINE-2]]:31: warning: hardcoded credential 'ak-9...' (19 chars) in 'service_api_key'
char admin_passwd[] = "hunter22";
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: hardcoded credential 'hu...' (8 chars) in 'admin_passwd'
#define SMTP_PASSWORD "mailpass99"
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: hardcoded credential 'ma...' (10 chars) in macro 'SMTP_PASSWORD'
const char *smtp_password = SMTP_PASSWORD; // reported once, at the definition
const char *auth_token = "tok_8Hq2Lp0Zx7Vw3Ry6";
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: hardcoded credential 'tok_...' (20 chars) in 'auth_token'

struct Config {
  std::string password = "root1234";
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: hardcoded credential 'ro...' (8 chars) in 'password'
  std::string token;
  std::string user;
  Config() : token("Zk29fjq0Vb38xLq2Mn") {}
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: hardcoded credential 'Zk29...' (18 chars) in 'token'
};

void connectWith(const char *user, const char *password = "letmein!");
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: hardcoded credential 'le...' (8 chars) in 'password'

void assignments(Config &c) {
  std::string secret_key;
  secret_key = "k3y-9981-abcd";
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: hardcoded credential 'k3y...' (13 chars) in 'secret_key'
  c.password = "Winter2024!";
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: hardcoded credential 'Wi...' (11 chars) in 'password'
  char pwd_buf[32];
  strcpy(pwd_buf, "Pa55w0rd#1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: hardcoded credential 'Pa...' (10 chars) in 'pwd_buf'
  c.token.assign("Qw8Er7Ty6Ui5Op4");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: hardcoded credential 'Qw8...' (15 chars) in 'token'
}

// ---- Map and JSON keys, key/value arguments ---------------------------------------

void maps() {
  std::map<std::string, std::string> cfg;
  cfg["password"] = "dbpass-2024";
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: hardcoded credential 'db...' (11 chars) in 'password'
  std::map<std::string, std::string> headers = {{"X-API-Key", "ak_51Hx9QkLm2Nc8Pq4"}};
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: hardcoded credential 'ak_5...' (19 chars) in 'X-API-Key'
  nlohmann::json body = {{"model", "gpt-4o"}, {"api_key", "a1b2c3d4e5f6g7h8i9"}};
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: hardcoded credential 'a1b2...' (18 chars) in 'api_key'
  setenv("DB_PASSWORD", "s3cr3t-env", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: hardcoded credential 's3...' (10 chars) in 'DB_PASSWORD'
}

// ---- Credential parameters of real APIs -------------------------------------------

void apis(MYSQL *m, CURL *h, LIBSSH2_SESSION *s, LDAP *ld, sqlite3 *db) {
  mysql_real_connect(m, "db", "app", "mysqlPw1", "appdb", 3306, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: hardcoded MySQL password 'my...' (8 chars) passed to 'mysql_real_connect'; load it at run time from a secret store or the environment
  PQsetdbLogin("db", "5432", nullptr, nullptr, "app", "app", "pgPassw0rd");
  // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: hardcoded PostgreSQL password 'pg...' (10 chars) passed to 'PQsetdbLogin'
  curl_easy_setopt(h, CURLOPT_USERPWD, "alice:wonderland");
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: hardcoded libcurl credential 'alic...' (16 chars) passed to 'curl_easy_setopt'
  curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, "ya29-not-a-real-format");
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: hardcoded libcurl credential 'ya29...' (22 chars) passed to 'curl_easy_setopt'
  libssh2_userauth_password(s, "deploy", "sshDeploy!");
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: hardcoded SSH password 'ss...' (10 chars) passed to 'libssh2_userauth_password_ex'
  ldap_simple_bind_s(ld, "cn=admin,dc=example,dc=org", "ldapAdm1n");
  // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: hardcoded LDAP bind password 'ld...' (9 chars) passed to 'ldap_simple_bind_s'
  sqlite3_key(db, "cipherKey!", 10);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: hardcoded SQLite encryption key 'ci...' (10 chars) passed to 'sqlite3_key'
}

// ---- Credentials inside literals --------------------------------------------------

void embedded(CURL *h) {
  PGconn *c = PQconnectdb("host=db dbname=app user=app password=Tr0ub4dor&3");
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: hardcoded credential 'Tr...' (11 chars) in a connection string; load it at run time from a secret store or the environment
  curl_slist *hdrs = curl_slist_append(nullptr, "Authorization: Bearer 8f14e45fceea167a5a36");
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: hardcoded credential '8f14...' (20 chars) in an HTTP Authorization header
  curl_easy_setopt(h, CURLOPT_URL, "https://svc:hunter2go@api.internal/v1");
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: hardcoded credential 'hu...' (9 chars) in the userinfo of a URL
  (void)c;
  (void)hdrs;
}

// ---- Safe lookalikes: must stay quiet ---------------------------------------------

const char *empty_password = "";
const char *placeholder_password = "changeme";
const char *api_key_template = "<your-api-key-here>";
const char *env_password = "${DB_PASSWORD}";
const char *password_env_var = "DB_PASSWORD";        // names the variable
const char *password_prompt = "Enter your password: "; // a message
const char *password_field = "password";             // a form field name
const char *api_key_header = "X-API-Key";             // a header name
const char *private_key_path = "/etc/app/private.pem"; // a path to a key
const int password_min_length = 12;
const char *token = "<|im_start|>";  // a chat-template marker under a generic name
const char *secret = "identifier";   // low entropy under a generic name
const char *aws_doc_key = "AKIAIOSFODNN7EXAMPLE";
const char *bypass = "Zk29fjq0Vb38xLq2Mn"; // not a credential name
const char *password_fmt = "password=%s";
std::string keyboard_layout = "dvorak";

void safe(CURL *h, MYSQL *m) {
  const char *password = getenv("DB_PASSWORD");      // read at run time
  mysql_real_connect(m, "db", "app", password, "appdb", 0, nullptr, 0);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/items");
  curl_easy_setopt(h, CURLOPT_USERAGENT, "vibeguard-test/1.0");
  PQconnectdb("host=db dbname=app user=app");       // no password: uses .pgpass
  curl_slist_append(nullptr, "Authorization: Bearer %s");
  std::map<std::string, std::string> form = {{"username", "alice"}};
  std::string dummy_password = "P@ssw0rd123";       // named as test data
  (void)form;
  (void)dummy_password;
}
