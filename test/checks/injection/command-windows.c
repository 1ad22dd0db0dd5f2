// RUN: %check_clang_tidy %s vibeguard-injection-command %t \
// RUN:   -config="{CheckOptions: {vibeguard-injection-command.SourceKinds: 'user-input;network;environment'}}" \
// RUN:   -- %mingw_flags
// The Windows and wide-character forms, against mingw-w64's headers.

#include <windows.h>
#include <shellapi.h>
#include <stdlib.h>
#include <stdio.h>
#include <process.h>
#include <wchar.h>

void run(void) {
  char *arg = getenv("TARGET");
  char cmdline[512];
  snprintf(cmdline, sizeof cmdline, "backup.exe %s", arg);
  STARTUPINFOA si = {0};
  PROCESS_INFORMATION pi;
  CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: environment data from 'getenv' reaches argument 2 of 'CreateProcessA'
  WinExec(arg, SW_HIDE);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: environment data from 'getenv' reaches argument 1 of 'WinExec'
  ShellExecuteA(NULL, "open", arg, NULL, NULL, SW_SHOW);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: environment data from 'getenv' reaches argument 3 of 'ShellExecuteA'
  _popen(arg, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: environment data from 'getenv' reaches argument 1 of '_popen'

  wchar_t wide[256];
  if (fgetws(wide, 256, stdin)) {
    _wsystem(wide);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: user input from 'fgetws' reaches argument 1 of '_wsystem'
  }

  // Safe: constant command lines.
  char fixed[] = "notepad.exe readme.txt";
  CreateProcessA(NULL, fixed, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
  WinExec("calc.exe", SW_SHOW);
  _wsystem(L"dir");
}
