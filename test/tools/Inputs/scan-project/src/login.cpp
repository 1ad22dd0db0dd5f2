#include "config.h"
#include <cstring>

bool check_smtp(const char *password) { return strcmp(password, SMTP_PASSWORD) == 0; }
