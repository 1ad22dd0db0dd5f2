#include <cstdio>
const char *unlock_code = "UC-77-13-99";
const char *db_password = "staging-only-pw";
const char *smtp_password = "prod-mail-pw";
void f(const char *api_key) { printf("%s\n", api_key); }
