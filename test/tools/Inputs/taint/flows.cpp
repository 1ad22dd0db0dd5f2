#include <cstdio>
#include <cstdlib>
#include <string>

static void run(const std::string &c) { std::system(c.c_str()); }

int main(int argc, char **argv) {
  run(std::string("ls ") + argv[1]);
  printf(argv[2]);
  return 0;
}
