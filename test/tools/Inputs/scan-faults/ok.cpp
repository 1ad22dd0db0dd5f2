const char *db_password = "faults-Pa55";
