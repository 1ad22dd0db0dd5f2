// Crashes the compiler front end on purpose, as a crashing TU would.
#pragma clang __debug crash
int x;
