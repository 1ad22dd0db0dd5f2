// RUN: %check_clang_tidy %s vibeguard-injection-xpath %t -- -I/usr/include/libxml2

#include <libxml/xpath.h>
#include <stdio.h>

xmlXPathObjectPtr lookup(xmlXPathContextPtr ctx, const char *name) {
  char expr[256];
  snprintf(expr, sizeof expr, "//user[name='%s']/role", name);
  return xmlXPathEvalExpression((const xmlChar *)expr, ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: user input from 'argv' of main reaches argument 1 of 'xmlXPathEvalExpression' (XPath injection); pass the value as an XPath variable, or reject quotes in it [vibeguard-injection-xpath]
}

int main(int argc, char **argv) {
  xmlXPathContextPtr ctx = NULL;
  lookup(ctx, argv[1]);
  // Safe: a constant expression.
  xmlXPathEvalExpression((const xmlChar *)"//user[@admin='true']", ctx);
  return 0;
}
