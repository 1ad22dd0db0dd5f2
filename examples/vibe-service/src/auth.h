#pragma once
#include <string>

struct User {
  int id = 0;
  std::string name;
  std::string password;      // as stored in the users table
  std::string password_hash; // the correct column, see auth.cpp
};

bool registerUser(const std::string &name, const std::string &password);
bool login(const std::string &name, const std::string &password, std::string &session);
bool loginWithHash(const std::string &name, const std::string &password,
                   std::string &session);
std::string newSessionId();
std::string newSessionIdSecure();
bool isAdmin(const std::string &session);
