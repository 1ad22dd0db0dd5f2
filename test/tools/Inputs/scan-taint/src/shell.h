// The report runner: its callers are in another translation unit.
#pragma once
#include <string>

void runReport(const char *name);
void runQuiet(const char *name);
void runQuoted(const char *name);
std::string shellQuote(const char *s);
