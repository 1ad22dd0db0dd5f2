// RUN: %check_clang_tidy %s vibeguard-secrets-hardcoded-credential %t \
// RUN:   -config="{CheckOptions: {vibeguard-secrets-hardcoded-credential.CredentialNames: 'license_key;pin', vibeguard-secrets-hardcoded-credential.AllowedValues: '^ci-', vibeguard-secrets-hardcoded-credential.MinEntropy: '4.5'}}"
// A bad option value is one clear configuration error, and the check still runs:
// RUN: %vibeguard_tidy -checks='-*,vibeguard-secrets-hardcoded-credential' \
// RUN:   -config="{CheckOptions: {vibeguard-secrets-hardcoded-credential.AllowedValues: '(', vibeguard-secrets-hardcoded-credential.MinEntropy: 'lots'}}" \
// RUN:   %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: warning: option 'AllowedValues': invalid regular expression '(': missing ): ( [clang-tidy-config]
// BADOPT: warning: option 'MinEntropy': 'lots' is not a number of bits per character between 0 and 8; using 3.0 [clang-tidy-config]
// BADOPT: warning: hardcoded credential {{.*}} in 'license_password'

const char *kLicenseKey = "LK-2291-ABCD-7781";
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: hardcoded credential 'LK-2...' (17 chars) in 'kLicenseKey'
const char *admin_pin = "4711";
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: hardcoded credential '4...' (4 chars) in 'admin_pin'
const char *license_password = "L1cense!";
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: hardcoded credential 'L1...' (8 chars) in 'license_password'

// Allowed by the user's regex.
const char *ci_password = "ci-only-password";
// Below MinEntropy 4.5 under a generic name.
const char *token_value = "tok_12345678";

// NOLINT silences one finding, and only for the named check.
const char *root_password = "r00tr00t!"; // NOLINT(vibeguard-secrets-hardcoded-credential)
// NOLINTNEXTLINE(vibeguard-secrets-*)
const char *ftp_password = "ftpftp123";
const char *smtp_password = "smtpPass1"; // NOLINT(bugprone-*)
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: hardcoded credential 'sm...' (9 chars) in 'smtp_password'
