#pragma once
// NOLINTBEGIN(vibeguard-secrets-*) - fixtures for the integration tests, rotated weekly
const char *kFixturePassword = "fixture-Pa55";
// NOLINTEND(vibeguard-secrets-*)
