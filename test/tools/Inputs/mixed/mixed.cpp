// vibeguard's checks walk the code themselves and leave the MatchFinder nothing to walk
// unless another check needs it; the static analyzer sees the whole unit afterwards.
#include <cstdlib>
#include <string>

const char *db_password = "Tr0ub4dor&3xyz";

int sign(int x) {
  if (x < 0) {
    return -1;
  } else {
    return 1;
  }
}

int deref(bool b) {
  int *p = nullptr;
  if (b)
    return *p;
  return 0;
}

template <class T> T twice(T v) { return v + v; }
std::string run(const char *arg) {
  std::string cmd = std::string("ls ") + arg;
  std::system(cmd.c_str());
  return twice(cmd);
}
int main(int argc, char **argv) { return run(argv[1]).size() + sign(argc) + deref(argc > 3); }
