#pragma once
#include <string>

namespace llm {
std::string summarize(const std::string &userText);
std::string summarizeSafe(const std::string &userText);
} // namespace llm
