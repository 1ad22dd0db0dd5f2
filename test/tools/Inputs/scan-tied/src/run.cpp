// Runs the global another file filled; no source here, and no call to that file.
#include <cstdlib>

extern char g_name[256];

void runNamed() { system(g_name); }

// NOLINTBEGIN(vibeguard-injection-command): reviewed, the name is checked upstream
void runReviewed() { system(g_name); }
// NOLINTEND(vibeguard-injection-command)

void runAfterTheBlock() { system(g_name); }

// An unpaired NOLINTBEGIN (clang-tidy reports it as an error) suppresses nothing.
// NOLINTBEGIN(vibeguard-injection-command)
void runUnpaired() { system(g_name); }
