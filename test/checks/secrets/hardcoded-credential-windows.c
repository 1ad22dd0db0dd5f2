// RUN: %check_clang_tidy %s vibeguard-secrets-hardcoded-credential %t -- %mingw_flags

#include <windows.h>
#include <wincred.h>
#include <sql.h>
#include <sqlext.h>

void logon(HANDLE *tok) {
  LogonUserA("svc_backup", "CORP", "Backup#2024", LOGON32_LOGON_SERVICE,
             LOGON32_PROVIDER_DEFAULT, tok);
  // CHECK-MESSAGES: :[[@LINE-2]]:36: warning: hardcoded Windows logon password 'Ba...' (11 chars) passed to 'LogonUserA'
  LogonUserW(L"svc", L".", L"WideSecret!9", LOGON32_LOGON_NETWORK,
             LOGON32_PROVIDER_DEFAULT, tok);
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: hardcoded Windows logon password 'Wid...' (12 chars) passed to 'LogonUserW'
}

void service(SC_HANDLE scm) {
  CreateServiceW(scm, L"agent", L"Agent", SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                 SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, L"C:\\agent.exe", NULL, NULL,
                 NULL, L".\\agent", L"Ag3ntPass");
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: hardcoded service account password 'Ag...' (9 chars) passed to 'CreateServiceW'
}

void credentials(void) {
  CREDENTIALW cred = {0};
  cred.Type = CRED_TYPE_GENERIC;
  cred.TargetName = L"myapp";
  cred.CredentialBlob = (LPBYTE)L"BlobSecret42";
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: hardcoded credential 'Blo...' (12 chars) in 'CredentialBlob'
  CredWriteW(&cred, 0);
}

void odbc(SQLHDBC dbc) {
  SQLCHAR out[256];
  SQLSMALLINT outLen;
  SQLDriverConnect(dbc, NULL,
                   (SQLCHAR *)"DRIVER={ODBC Driver 18};SERVER=db;UID=sa;PWD=Odbc!Pass1;",
                   SQL_NTS, out, sizeof out, &outLen, SQL_DRIVER_NOPROMPT);
  // CHECK-MESSAGES: :[[@LINE-2]]:31: warning: hardcoded credential 'Od...' (10 chars) in a connection string
  SQLConnect(dbc, (SQLCHAR *)"dsn", SQL_NTS, (SQLCHAR *)"sa", SQL_NTS,
             (SQLCHAR *)"SqlPass#7", SQL_NTS);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: hardcoded ODBC password 'Sq...' (9 chars) passed to 'SQLConnect'
}

// Safe: credentials from the caller, a trusted connection, no password.
void safe(SQLHDBC dbc, HANDLE *tok, const wchar_t *user, const wchar_t *pw) {
  LogonUserW(user, L".", pw, LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, tok);
  SQLDriverConnect(dbc, NULL,
                   (SQLCHAR *)"DRIVER={ODBC Driver 18};SERVER=db;Trusted_Connection=yes;",
                   SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
}
