/* The declarations of the Android NDK's <android/log.h> that the llama-cpp-capacitor
 * JNI bridge (android/src/main/jni.cpp) uses, so that it parses on Linux for the
 * corpus review. Signatures as in the NDK's sysroot/usr/include/android/log.h
 * (platform/system/logging, liblog/include/android/log.h). Not part of vibeguard. */
#ifndef VIBEGUARD_CORPUS_SHIM_ANDROID_LOG_H
#define VIBEGUARD_CORPUS_SHIM_ANDROID_LOG_H
#include <stdarg.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef enum android_LogPriority {
  ANDROID_LOG_UNKNOWN = 0,
  ANDROID_LOG_DEFAULT,
  ANDROID_LOG_VERBOSE,
  ANDROID_LOG_DEBUG,
  ANDROID_LOG_INFO,
  ANDROID_LOG_WARN,
  ANDROID_LOG_ERROR,
  ANDROID_LOG_FATAL,
  ANDROID_LOG_SILENT,
} android_LogPriority;
int __android_log_write(int prio, const char *tag, const char *text);
int __android_log_print(int prio, const char *tag, const char *fmt, ...)
    __attribute__((__format__(printf, 3, 4)));
int __android_log_vprint(int prio, const char *tag, const char *fmt, va_list ap)
    __attribute__((__format__(printf, 3, 0)));
#ifdef __cplusplus
}
#endif
#endif
