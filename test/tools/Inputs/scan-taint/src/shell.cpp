// The sinks: none of them sees a source in this file.
#include "shell.h"
#include <cstdlib>

void runReport(const char *name) {
  std::string cmd = "report --name ";
  cmd += name;
  system(cmd.c_str());
}

void runQuiet(const char *name) {
  system(name); // NOLINT(vibeguard-injection-command): reviewed, name is a fixed token
}

void runQuoted(const char *name) {
  std::string cmd = "report --name " + shellQuote(name);
  system(cmd.c_str());
}
