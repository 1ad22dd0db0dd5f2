// Reads a line into a global; nothing here runs it.
#include <cstdio>

char g_name[256];

void loadName() { fgets(g_name, sizeof g_name, stdin); }
