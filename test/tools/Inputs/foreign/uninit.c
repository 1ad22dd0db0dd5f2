int f(int c) {
  int x;
  if (c)
    x = 1;
  return x;
}
