// RUN: %check_clang_tidy %s vibeguard-crypto-weak-algorithm %t -- %mingw_flags

#include <windows.h>
#include <wincrypt.h>
#include <bcrypt.h>

void hash_password_capi(HCRYPTPROV prov, HCRYPTHASH *h) {
  CryptCreateHash(prov, CALG_MD5, 0, 0, h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CryptCreateHash' selects the hash ('CALG_MD5'), which is broken; use SHA-256 or SHA-3 (and a password KDF for passwords)
}

void session_cipher_capi(HCRYPTPROV prov, HCRYPTHASH h, HCRYPTKEY *k) {
  CryptDeriveKey(prov, CALG_RC4, h, 0, k);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CryptDeriveKey' selects the cipher ('CALG_RC4'), which is weak; use AES-GCM or ChaCha20-Poly1305
  CryptGenKey(prov, CALG_3DES, CRYPT_EXPORTABLE, k);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CryptGenKey' selects the cipher ('CALG_3DES'), which is weak; use AES-GCM or ChaCha20-Poly1305
}

void cng(BCRYPT_ALG_HANDLE *alg, BCRYPT_KEY_HANDLE key) {
  BCryptOpenAlgorithmProvider(alg, BCRYPT_3DES_ALGORITHM, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BCryptOpenAlgorithmProvider' selects the cipher ('BCRYPT_3DES_ALGORITHM'), which is broken or weak; use AES-GCM or ChaCha20-Poly1305
  BCryptSetProperty(*alg, BCRYPT_CHAINING_MODE, (PUCHAR)BCRYPT_CHAIN_MODE_ECB,
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BCryptSetProperty' selects ECB mode ('ChainingModeECB'), which leaks patterns: equal blocks encrypt equally; use an authenticated mode such as AES-GCM with a fresh random IV
                    sizeof(BCRYPT_CHAIN_MODE_ECB), 0);
  (void)key;
}

void verify_token_cng(BCRYPT_ALG_HANDLE *alg) {
  BCryptOpenAlgorithmProvider(alg, BCRYPT_SHA1_ALGORITHM, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BCryptOpenAlgorithmProvider' selects the hash ('BCRYPT_SHA1_ALGORITHM'), which is broken; use SHA-256 or SHA-3 (and a password KDF for passwords)
}

// Safe: SHA-256, AES-GCM, and MD5 as a file checksum.
void safe(HCRYPTPROV prov, HCRYPTHASH *h, BCRYPT_ALG_HANDLE *alg) {
  CryptCreateHash(prov, CALG_SHA_256, 0, 0, h);
  BCryptOpenAlgorithmProvider(alg, BCRYPT_AES_ALGORITHM, NULL, 0);
  BCryptSetProperty(*alg, BCRYPT_CHAINING_MODE, (PUCHAR)BCRYPT_CHAIN_MODE_GCM,
                    sizeof(BCRYPT_CHAIN_MODE_GCM), 0);
}
void file_checksum(HCRYPTPROV prov, HCRYPTHASH *h) {
  CryptCreateHash(prov, CALG_MD5, 0, 0, h);
}
