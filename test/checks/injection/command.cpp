// RUN: %check_clang_tidy %s vibeguard-injection-command %t \
// RUN:   -config="{CheckOptions: {TaintModels: '%S/Inputs/sanitizers.yaml'}}"
// RUN: %check_clang_tidy --prefix=CHECK-ENV %s vibeguard-injection-command %t \
// RUN:   -config="{CheckOptions: {TaintModels: '%S/Inputs/sanitizers.yaml', vibeguard-injection-command.SourceKinds: 'environment'}}"
// By default the sources a remote attacker controls count (user input, the network);
// the environment is opt-in.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <spawn.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace app {
std::string shell_quote(const std::string &s);
}

// Two calls away from the source.
static void run_it(const std::string &c) {
  std::system(c.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: user input from 'get_param_value' reaches argument 1 of 'system' (OS command injection); run the program with an exec-style call and a fixed argument list, or check the value against an allowlist [vibeguard-injection-command]
}
static void relay(const std::string &c) { run_it(c); }

struct Job {
  std::string command;
  int retries;
};

void handlers(httplib::Server &svr) {
  svr.Get("/ping", [](const httplib::Request &req, httplib::Response &res) {
    std::string host = req.get_param_value("host");
    std::string cmd = "ping -c 1 ";
    cmd += host;
    relay(cmd);
    // CHECK-MESSAGES: :[[@LINE-4]]:28: note: source: 'get_param_value' returns user input
    // CHECK-MESSAGES: :[[@LINE-5]]:17: note: stored in 'host'
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'operator+=' copies it into 'cmd'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: passed to 'relay'
    // CHECK-MESSAGES: :{{[0-9]+}}:43: note: passed to 'run_it'
    res.set_content("ok", "text/plain");
  });
  svr.Post("/job", [](const httplib::Request &req, httplib::Response &) {
    Job j;
    j.command = req.body;
    j.retries = 3;
    FILE *p = popen(j.command.c_str(), "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: user input from 'body' reaches argument 1 of 'popen'
    pclose(p);
  });
  svr.Post("/json", [](const httplib::Request &req, httplib::Response &) {
    auto doc = nlohmann::json::parse(req.body);
    std::string tool = doc["tool"].get<std::string>();
    std::system(("run-tool " + tool).c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: user input from 'body' reaches argument 1 of 'system'
  });
}

int main(int argc, char **argv) {
  char buf[256];
  snprintf(buf, sizeof buf, "tar xf %s", argv[1]);
  system(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: user input from 'argv' of main reaches argument 1 of 'system'

  const char *editor = getenv("EDITOR");
  execlp("sh", "sh", "-c", editor, (char *)nullptr);
  // CHECK-ENV: :[[@LINE-1]]:28: warning: environment data from 'getenv' reaches argument 4 of 'execlp'

  auto launch = [](const char *what) { system(what); };
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: user input from 'argv' of main reaches argument 1 of 'system'
  launch(argv[2]);

  char line[128];
  if (fgets(line, sizeof line, stdin)) {
    std::string c = std::string("convert ") + line;
    system(c.c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: user input from 'fgets' reaches argument 1 of 'system'
  }

  // Safe lookalikes.
  system("ls -l /tmp");                              // a literal
  int n = atoi(argv[3]);                             // an integer conversion
  snprintf(buf, sizeof buf, "sleep %d", n);
  system(buf);
  std::string q = "grep -- " + app::shell_quote(argv[4]); // a declared sanitizer
  system(q.c_str());
  char *const fixed[] = {(char *)"/bin/ls", (char *)"-l", nullptr};
  execve("/bin/ls", fixed, nullptr);                 // a fixed argv
  std::string name = argv[5];
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos)
    system(("id " + name).c_str());                  // checked against an allowlist
  std::string count = std::to_string(std::stoi(argv[6]));
  system(("seq " + count).c_str());                  // a number
  system(argv[7]); // NOLINT(vibeguard-injection-command)
  return 0;
}
