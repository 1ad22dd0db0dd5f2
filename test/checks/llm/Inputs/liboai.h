// The declarations of D7EAD/liboai that vibeguard models, with their real signatures
// (https://github.com/D7EAD/liboai, liboai/include/components/chat.h; no Debian or npm
// package). Bodies and the other members are omitted.
#pragma once
#include <string>
#include <string_view>

namespace liboai {
class Response;
class Conversation {
public:
  bool SetSystemData(std::string_view data) & noexcept(false);
  bool AddUserData(std::string_view data) & noexcept(false);
  std::string GetLastResponse() const & noexcept;
};
} // namespace liboai
