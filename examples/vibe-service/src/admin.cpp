// Admin tools: export a user's notes to a file.
#include "admin.h"

#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace admin {

// MISTAKE (OS command injection): the user name from the request goes into a shell
// command line.
int exportNotes(const std::string &user) {
  std::string cmd = "sqlite3 notes.db \"SELECT body FROM notes WHERE owner='" + user +
                    "'\" > /tmp/export-" + user + ".txt";
  return system(cmd.c_str());
}

// CORRECT: no shell; a fixed program with an argument vector, and a validated name.
int exportNotesSafe(const std::string &user) {
  for (char c : user)
    if (!isalnum(static_cast<unsigned char>(c)))
      return -1;
  pid_t pid = fork();
  if (pid == 0) {
    std::string out = "/tmp/export-" + user + ".txt";
    const char *argv[] = {"/usr/local/bin/export-notes", user.c_str(), out.c_str(),
                          nullptr};
    execv(argv[0], const_cast<char *const *>(argv));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

} // namespace admin
