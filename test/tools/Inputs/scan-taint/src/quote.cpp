// The project's own escaping helper (in a third file); a user model declares it a
// sanitizer for commands.
#include "shell.h"

std::string shellQuote(const char *s) {
  std::string out = "'";
  for (; *s; ++s)
    out += *s == '\'' ? std::string("'\\''") : std::string(1, *s);
  return out + "'";
}
