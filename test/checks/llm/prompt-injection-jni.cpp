// RUN: %check_clang_tidy %s vibeguard-llm-prompt-injection %t -- -I%llama_include %jni_flags
// An Android/JVM bridge (as llama-cpp-capacitor's android/src/main/jni.cpp): the
// prompt arrives from the app as a jstring. Real headers: the JDK's jni.h (Debian's
// openjdk-17-jdk-headless names the C++ environment JNIEnv_, Android's NDK _JNIEnv;
// the model has both) and llama.cpp's llama.h.

#include <jni.h>
#include "llama.h"
#include <string>
#include <vector>

static std::string fromJava(JNIEnv *env, jstring s) {
  const char *chars = env->GetStringUTFChars(s, nullptr);
  std::string out(chars);
  env->ReleaseStringUTFChars(s, chars);
  return out;
}

static int encode(const llama_vocab *vocab, const std::string &text, std::vector<llama_token> &out) {
  return llama_tokenize(vocab, text.c_str(), int32_t(text.size()), out.data(),
                        int32_t(out.size()), true, false);
  // CHECK-MESSAGES: :[[@LINE-2]]:32: warning: user input from 'GetStringUTFChars' reaches argument 2 of 'llama_tokenize', spliced into the prompt's instruction text (prompt injection); pass it as a separate user-role message and keep the instructions constant [vibeguard-llm-prompt-injection]
}

extern "C" JNIEXPORT jint JNICALL Java_ai_example_Llm_complete(JNIEnv *env, jobject,
                                                               jlong vocab, jstring prompt) {
  std::string text = "You are a helpful assistant. Answer in one sentence: ";
  text += fromJava(env, prompt);
  std::vector<llama_token> toks(512);
  return encode(reinterpret_cast<const llama_vocab *>(vocab), text, toks);
}

// Safe lookalikes: the app's string is only measured; a fixed prompt is tokenized.
extern "C" JNIEXPORT jint JNICALL Java_ai_example_Llm_length(JNIEnv *env, jobject,
                                                             jstring s) {
  return env->GetStringUTFLength(s);
}

extern "C" JNIEXPORT jint JNICALL Java_ai_example_Llm_warmup(JNIEnv *, jobject, jlong vocab) {
  std::vector<llama_token> toks(64);
  const std::string text = "You are a helpful assistant. Say hello.";
  return llama_tokenize(reinterpret_cast<const llama_vocab *>(vocab), text.c_str(),
                        int32_t(text.size()), toks.data(), int32_t(toks.size()), true, false);
}
