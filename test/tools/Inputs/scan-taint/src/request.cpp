// The request side: user input (argv) goes to functions defined in shell.cpp.
#include "shell.h"

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  runReport(argv[1]);
  runQuiet(argv[1]);
  runQuoted(argv[1]);
  return 0;
}
