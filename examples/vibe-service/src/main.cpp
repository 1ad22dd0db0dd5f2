// notes-ai: notes with AI summaries, over HTTP.
#include "admin.h"
#include "auth.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "llm.h"

#include <cstdio>
#include <httplib.h>
#include <nlohmann/json.hpp>

int main(int argc, char **argv) {
  if (!db::open(config::DB_PATH)) {
    fprintf(stderr, "cannot open %s\n", config::DB_PATH);
    return 1;
  }
  httplib::Server srv;

  srv.Post("/login", [](const httplib::Request &req, httplib::Response &res) {
    std::string session;
    std::string user = req.get_param_value("user");
    std::string password = req.get_param_value("password");
    if (!loginWithHash(user, password, session) && !login(user, password, session)) {
      res.status = 401;
      return;
    }
    // MISTAKE (insecure cookie): no Secure, HttpOnly or SameSite.
    res.set_header("Set-Cookie", "session=" + session);
    res.set_content("{\"ok\":true}", "application/json");
  });

  srv.Get("/notes/search", [](const httplib::Request &req, httplib::Response &res) {
    std::string owner = req.get_param_value("owner");
    nlohmann::json out = db::searchNotes(owner, req.get_param_value("q"));
    res.set_content(out.dump(), "application/json");
  });

  srv.Post("/notes/summary", [](const httplib::Request &req, httplib::Response &res) {
    res.set_content(llm::summarize(req.body), "text/plain");
  });

  srv.Post("/register", [](const httplib::Request &req, httplib::Response &res) {
    bool ok = registerUser(req.get_param_value("user"), req.get_param_value("password"));
    res.status = ok ? 201 : 409;
  });

  srv.Post("/notes", [](const httplib::Request &req, httplib::Response &res) {
    std::string owner = req.get_param_value("owner");
    db::addNote(owner, crypto::encryptNote(req.body));
    res.status = 201;
  });

  srv.Post("/webhooks/billing", [](const httplib::Request &req, httplib::Response &res) {
    if (!crypto::verifyWebhook(req.body, req.get_header_value("X-Signature"))) {
      res.status = 401;
      return;
    }
    res.set_content("ok", "text/plain");
  });

  srv.Post("/admin/export", [](const httplib::Request &req, httplib::Response &res) {
    if (!isAdmin(req.get_header_value("X-Session"))) {
      res.status = 403;
      return;
    }
    int rc = admin::exportNotes(req.get_param_value("user"));
    res.set_content(rc == 0 ? "exported" : "failed", "text/plain");
  });

  int port = argc > 1 ? std::atoi(argv[1]) : 8080;
  printf("notes-ai listening on 127.0.0.1:%d\n", port);
  srv.listen("127.0.0.1", port);
}
