#include <cstdlib>
#include <cstring>
#include <string>

// The secret and a second rule's finding share a line: neither finding quotes it.
bool is_admin(const char *session_id) { static const char admin_token[] = "adm-9f8e7d6c5b4a3f2e1d0c"; return strcmp(session_id, admin_token) == 0; }

std::string new_session_id() {
  std::string id;
  for (int i = 0; i < 32; ++i)
    id += "0123456789abcdef"[rand() % 16];
  return id;
}
