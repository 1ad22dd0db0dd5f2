// RUN: %check_clang_tidy %s vibeguard-injection-ldap %t

#include <ldap.h>
#include <stdio.h>
#include <stdlib.h>

int find_user(LDAP *ld, const char *user) {
  char filter[256];
  snprintf(filter, sizeof filter, "(&(objectClass=person)(uid=%s))", user);
  LDAPMessage *res = NULL;
  return ldap_search_ext_s(ld, "ou=people,dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter,
                           NULL, 0, NULL, NULL, NULL, 0, &res);
  // CHECK-MESSAGES: :[[@LINE-2]]:83: warning: user input from 'getenv' reaches argument 4 of 'ldap_search_ext_s' (LDAP injection); escape the value for an LDAP filter (RFC 4515) [vibeguard-injection-ldap]
}

int main(void) {
  LDAP *ld = NULL;
  find_user(ld, getenv("REMOTE_USER"));
  // Safe: a constant filter.
  LDAPMessage *res = NULL;
  ldap_search_ext_s(ld, "dc=example,dc=com", LDAP_SCOPE_BASE, "(objectClass=*)", NULL, 0,
                    NULL, NULL, NULL, 0, &res);
  return 0;
}
