// Tied to no other file: its worker reports its flow, and the link does not repeat it.
#include <cstdio>
#include <cstdlib>

int main() {
  char line[128];
  if (!fgets(line, sizeof line, stdin))
    return 1;
  return system(line);
}
