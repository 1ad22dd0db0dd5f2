// The declarations of olrea/openai-cpp that vibeguard models, with their real
// signatures (https://github.com/olrea/openai-cpp, include/openai/openai.hpp: the
// library is one header with no Debian or npm package). Bodies are omitted.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace openai {
using Json = nlohmann::json;
namespace _detail {
struct CategoryChat {
  Json create(Json input);
};
struct CategoryCompletion {
  Json create(Json input);
};
} // namespace _detail
void start(const std::string &token = "", const std::string &organization = "",
           bool throw_exception = true);
_detail::CategoryChat &chat();
_detail::CategoryCompletion &completion();
} // namespace openai
