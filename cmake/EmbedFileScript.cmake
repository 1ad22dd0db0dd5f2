file(READ ${IN} hex HEX)
string(LENGTH "${hex}" len)
math(EXPR size "${len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "(([^,]*,){32})" "\\1\n" body "${body}")
file(WRITE ${OUT}.tmp
  "// Generated from ${IN}; do not edit.\n#include <cstddef>\n"
  "namespace vibeguard::embedded {\nextern const char ${SYMBOL}[] = {\n${body}'\\0'};\n"
  "extern const std::size_t ${SYMBOL}Size = ${size};\n}\n")
file(RENAME ${OUT}.tmp ${OUT})
