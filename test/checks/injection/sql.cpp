// RUN: %check_clang_tidy %s vibeguard-injection-sql %t -- -I/usr/include/postgresql

#include <cstdio>
#include <string>
#include <sstream>
#include <sqlite3.h>
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <httplib.h>

struct Filter {
  std::string column;
  std::string value;
};

static std::string where_clause(const Filter &f) {
  return " WHERE " + f.column + " = '" + f.value + "'";
}

static void query(sqlite3 *db, const std::string &sql) {
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: user input from 'get_param_value' reaches argument 2 of 'sqlite3_exec' (SQL injection); use a prepared statement and bind the value as a parameter [vibeguard-injection-sql]
}

void routes(httplib::Server &svr, sqlite3 *db, PGconn *pg, MYSQL *my) {
  svr.Get("/users", [db](const httplib::Request &req, httplib::Response &res) {
    Filter f;
    f.column = "name";
    f.value = req.get_param_value("name");
    query(db, "SELECT * FROM users" + where_clause(f));
    res.set_content("[]", "application/json");
  });
  svr.Get("/orders", [pg](const httplib::Request &req, httplib::Response &) {
    std::ostringstream q;
    q << "SELECT * FROM orders WHERE id = " << req.get_param_value("id");
    PGresult *r = PQexec(pg, q.str().c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: user input from 'get_param_value' reaches argument 2 of 'PQexec'
    PQclear(r);
  });
  svr.Post("/notes", [my](const httplib::Request &req, httplib::Response &) {
    char sql[512];
    snprintf(sql, sizeof sql, "INSERT INTO notes VALUES('%s')", req.body.c_str());
    mysql_query(my, sql);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: user input from 'body' reaches argument 2 of 'mysql_query'
  });

  // Safe lookalikes.
  svr.Get("/safe", [db, pg, my](const httplib::Request &req, httplib::Response &) {
    std::string name = req.get_param_value("name");
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT * FROM users WHERE name = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT); // a bound parameter
    sqlite3_step(st);
    sqlite3_finalize(st);
    const char *params[1] = {name.c_str()};
    PQexecParams(pg, "SELECT * FROM t WHERE n = $1", 1, nullptr, params, nullptr, nullptr, 0);
    int id = std::stoi(req.get_param_value("id"));            // an integer
    std::string q = "DELETE FROM t WHERE id = " + std::to_string(id);
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
    char esc[256];
    mysql_real_escape_string(my, esc, name.c_str(), name.size()); // escaped
    std::string ins = std::string("INSERT INTO t VALUES('") + esc + "')";
    mysql_query(my, ins.c_str());
  });
}
