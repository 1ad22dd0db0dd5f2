#pragma once
#include "auth.h"
#include <string>
#include <vector>

namespace db {
bool open(const char *path);
bool findUser(const std::string &name, User &out);
bool addUser(const std::string &name, const std::string &passwordHash);
std::vector<std::string> searchNotes(const std::string &owner, const std::string &q);
std::vector<std::string> searchNotesSafe(const std::string &owner, const std::string &q);
bool addNote(const std::string &owner, const std::string &text);
} // namespace db
