// RUN: %check_clang_tidy %s vibeguard-injection-path-traversal %t \
// RUN:   -config="{CheckOptions: {TaintModels: '%S/Inputs/sanitizers.yaml'}}"

#include <cstdio>
#include <cstring>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <fstream>
#include <string>
#include <httplib.h>

bool check_under_root(std::string &path);

static std::string upload_path(const std::string &name) { return "/srv/uploads/" + name; }

void routes(httplib::Server &svr) {
  svr.Get("/file", [](const httplib::Request &req, httplib::Response &res) {
    std::string name = req.get_param_value("name");
    std::ifstream in(upload_path(name));
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: user input from 'get_param_value' reaches argument 1 of 'basic_ifstream' (path traversal); resolve the path and check that it stays inside the allowed directory [vibeguard-injection-path-traversal]
    res.set_content("", "text/plain");
  });
  svr.Delete("/file", [](const httplib::Request &req, httplib::Response &) {
    unlink(req.matches[1].str().c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: user input from 'matches' reaches argument 1 of 'unlink'
  });
  svr.Put("/file", [](const httplib::Request &req, httplib::Response &) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "/srv/uploads/%s", req.get_header_value("X-Name").c_str());
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: user input from 'get_header_value' reaches argument 1 of 'open'
    close(fd);
  });

  // Safe: checked before use.
  svr.Get("/checked", [](const httplib::Request &req, httplib::Response &) {
    std::string name = req.get_param_value("name");
    if (name.find("..") != std::string::npos || name.find('/') != std::string::npos)
      return;
    FILE *f = fopen(("/srv/uploads/" + name).c_str(), "rb");
    if (f)
      fclose(f);
  });
  svr.Get("/resolved", [](const httplib::Request &req, httplib::Response &) {
    char real[PATH_MAX];
    std::string p = "/srv/uploads/" + req.get_param_value("name");
    if (!realpath(p.c_str(), real) || strncmp(real, "/srv/uploads/", 13) != 0)
      return;
    FILE *f = fopen(real, "rb");
    if (f)
      fclose(f);
  });
  svr.Get("/declared", [](const httplib::Request &req, httplib::Response &) {
    std::string p = req.get_param_value("name");
    check_under_root(p); // a sanitizer declared in the model
    std::ofstream out(p);
  });
  svr.Get("/fixed", [](const httplib::Request &, httplib::Response &) {
    std::ifstream in("/srv/static/index.html");
  });
}
