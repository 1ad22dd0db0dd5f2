// RUN: %check_clang_tidy %s vibeguard-injection-command %t -- %jni_flags
// JNI's C form: the environment is a table of function pointers, and a string from the
// app is read with (*env)->GetStringUTFChars(env, s, NULL), a call through a field of
// struct JNINativeInterface_ (the JDK's jni.h; Android's NDK names it JNINativeInterface),
// modelled as the C++ form env->GetStringUTFChars(s, NULL) is. Real header: Debian's
// openjdk-17-jdk-headless jni.h.

#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

JNIEXPORT void JNICALL Java_com_example_Tools_ping(JNIEnv *env, jobject self, jstring host) {
  const char *h = (*env)->GetStringUTFChars(env, host, NULL);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "ping -c 1 %s", h);
  system(cmd);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: user input from 'GetStringUTFChars' reaches argument 1 of 'system' (OS command injection){{.*}} [vibeguard-injection-command]
  (*env)->ReleaseStringUTFChars(env, host, h);
}

// The string passes through a helper first.
static const char *fromJava(JNIEnv *env, jstring s) {
  return (*env)->GetStringUTFChars(env, s, NULL);
}
JNIEXPORT void JNICALL Java_com_example_Tools_run(JNIEnv *env, jobject self, jstring script) {
  system(fromJava(env, script));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: user input from 'GetStringUTFChars' reaches argument 1 of 'system' (OS command injection){{.*}} [vibeguard-injection-command]
}

// Safe lookalikes: other table functions give no user text (a length, a class), and a
// value the app sent that is checked against an allowlist first.
JNIEXPORT void JNICALL Java_com_example_Tools_len(JNIEnv *env, jobject self, jstring s) {
  char cmd[64];
  jsize n = (*env)->GetStringUTFLength(env, s);
  snprintf(cmd, sizeof cmd, "head -c %d /dev/zero", (int)n);
  system(cmd);
  jclass c = (*env)->FindClass(env, "java/lang/String");
  (void)c;
}
static int is_allowed_host(const char *h) { return strspn(h, "abcdefghijklmnopqrstuvwxyz.") == strlen(h); }
JNIEXPORT void JNICALL Java_com_example_Tools_pingChecked(JNIEnv *env, jobject self, jstring host) {
  const char *h = (*env)->GetStringUTFChars(env, host, NULL);
  if (!is_allowed_host(h))
    return;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "ping -c 1 %s", h);
  system(cmd);
}

// A field of another struct that shares a modelled C function's name is not that
// function: only entries scoped to a struct apply to calls through its fields.
struct plugin_api {
  int (*getchar)(void);
  char *(*getenv)(const char *name);
  const char *(*GetStringUTFChars)(void *env, void *s, unsigned char *copy);
};
void run_plugin(struct plugin_api *api) {
  char key[2] = {(char)api->getchar(), 0};
  system(key);
  system(api->getenv("PLUGIN_CMD"));
  system(api->GetStringUTFChars(0, 0, 0));
}
