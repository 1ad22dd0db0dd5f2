#pragma once
#include <string>

namespace admin {
int exportNotes(const std::string &user);
int exportNotesSafe(const std::string &user);
} // namespace admin
