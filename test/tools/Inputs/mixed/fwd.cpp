// An upstream check that looks at system headers: vibeguard beside it must not hide them.
#include <widget.h>
namespace nb { struct Widget; }
int f() { na::Widget w{1}; return w.x; }
