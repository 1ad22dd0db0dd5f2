#include "fixtures.h"
const char *db_password = "x1y2-z3w4"; // NOLINT(vibeguard-secrets-hardcoded-credential): test fixture
// NOLINTNEXTLINE(vibeguard-*)
const char *api_token = "tk_9f8a7sd6f5a4s3d2";
const char *smtp_password = "smtp-Pa55-2024"; // NOLINT
int unrelated = 0; // NOLINT(bugprone-narrowing)
const char *ftp_password = "ftp-Pa55-2024";
