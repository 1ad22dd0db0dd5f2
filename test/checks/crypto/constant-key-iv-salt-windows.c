// RUN: %check_clang_tidy %s vibeguard-crypto-constant-key-iv-salt %t -- %mingw_flags

#include <windows.h>
#include <wincrypt.h>
#include <bcrypt.h>

static const BYTE kSecret[32] = {'s', 'u', 'p', 'e', 'r', '-', 's', 'e', 'c', 'r', 'e', 't'};

void cng_key(BCRYPT_ALG_HANDLE alg, BCRYPT_KEY_HANDLE *key) {
  BCryptGenerateSymmetricKey(alg, key, NULL, 0, (PUCHAR)kSecret, sizeof kSecret, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: constant key passed to 'BCryptGenerateSymmetricKey': anyone with the source or the binary can decrypt or forge; load the key from a key store or derive it with a KDF
}

void capi_key_from_passphrase(HCRYPTPROV prov, HCRYPTKEY *key) {
  HCRYPTHASH hash;
  CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash);
  CryptHashData(hash, (const BYTE *)"correct horse battery staple", 28, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: key derived with CryptDeriveKey from constant data: anyone with the source or the binary can decrypt or forge; load the key from a key store or derive it with a KDF
  CryptDeriveKey(prov, CALG_AES_256, hash, 0, key);
}

// Safe: a key from the system RNG; data hashed without deriving a key from it.
void safe(BCRYPT_ALG_HANDLE alg, BCRYPT_KEY_HANDLE *key, HCRYPTPROV prov) {
  BYTE secret[32];
  BCryptGenRandom(NULL, secret, sizeof secret, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
  BCryptGenerateSymmetricKey(alg, key, NULL, 0, secret, sizeof secret, 0);
  HCRYPTHASH hash;
  CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash);
  CryptHashData(hash, (const BYTE *)"file header", 11, 0);
}
