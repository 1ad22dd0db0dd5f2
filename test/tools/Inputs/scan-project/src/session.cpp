#include "config.h"
#include <cstdlib>
#include <string>

std::string new_session_id() {
  std::string id;
  for (int i = 0; i < 32; ++i)
    id += "0123456789abcdef"[rand() % 16];
  return id;
}
