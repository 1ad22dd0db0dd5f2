#pragma once
#include <string>

namespace crypto {
std::string encryptNote(const std::string &plain);
std::string encryptNoteSafe(const std::string &plain);
bool verifyWebhook(const std::string &body, const std::string &signatureHex);
bool verifyWebhookSafe(const std::string &body, const std::string &signatureHex);
std::string obfuscateExport(std::string data);
} // namespace crypto
