// Takes minutes to evaluate: a TU that hangs its worker.
constexpr unsigned long spin() {
  unsigned long x = 0;
  for (unsigned long i = 0; i < 4000000000UL; ++i)
    x += i;
  return x;
}
static_assert(spin() > 0, "");
