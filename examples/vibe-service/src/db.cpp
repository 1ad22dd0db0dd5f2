// SQLite storage.
#include "db.h"

#include <cstdio>
#include <sqlite3.h>

namespace db {

static sqlite3 *g_db = nullptr;

bool open(const char *path) {
  if (sqlite3_open(path, &g_db) != SQLITE_OK)
    return false;
  return sqlite3_exec(g_db,
                      "CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, name TEXT "
                      "UNIQUE, password TEXT, password_hash TEXT);"
                      "CREATE TABLE IF NOT EXISTS notes(owner TEXT, body TEXT);",
                      nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool findUser(const std::string &name, User &out) {
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(g_db,
                         "SELECT id, name, password, password_hash FROM users WHERE name=?",
                         -1, &st, nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  bool found = sqlite3_step(st) == SQLITE_ROW;
  if (found) {
    out.id = sqlite3_column_int(st, 0);
    auto text = [&](int c) {
      const unsigned char *t = sqlite3_column_text(st, c);
      return std::string(t ? reinterpret_cast<const char *>(t) : "");
    };
    out.name = text(1);
    out.password = text(2);
    out.password_hash = text(3);
  }
  sqlite3_finalize(st);
  return found;
}

bool addUser(const std::string &name, const std::string &passwordHash) {
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(g_db, "INSERT INTO users(name, password_hash) VALUES(?, ?)", -1,
                         &st, nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, passwordHash.c_str(), -1, SQLITE_TRANSIENT);
  bool ok = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  return ok;
}

static int collect(void *acc, int, char **values, char **) {
  static_cast<std::vector<std::string> *>(acc)->push_back(values[0] ? values[0] : "");
  return 0;
}

// MISTAKE (SQL injection): the search text is pasted into the SQL with sprintf.
std::vector<std::string> searchNotes(const std::string &owner, const std::string &q) {
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT body FROM notes WHERE owner='%s' AND body LIKE '%%%s%%'",
           owner.c_str(), q.c_str());
  std::vector<std::string> out;
  sqlite3_exec(g_db, sql, collect, &out, nullptr);
  return out;
}

// CORRECT: bound parameters.
std::vector<std::string> searchNotesSafe(const std::string &owner, const std::string &q) {
  std::vector<std::string> out;
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(g_db,
                         "SELECT body FROM notes WHERE owner=? AND body LIKE '%'||?||'%'",
                         -1, &st, nullptr) != SQLITE_OK)
    return out;
  sqlite3_bind_text(st, 1, owner.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, q.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  return out;
}

bool addNote(const std::string &owner, const std::string &text) {
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(g_db, "INSERT INTO notes(owner, body) VALUES(?, ?)", -1, &st,
                         nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(st, 1, owner.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, text.c_str(), -1, SQLITE_TRANSIENT);
  bool ok = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  return ok;
}

} // namespace db
