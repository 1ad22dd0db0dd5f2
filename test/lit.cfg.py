# lit configuration for vibeguard: check tests (test/checks) and tool tests (test/tools).
import os
import lit.formats

config.name = "vibeguard"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "unit", "check_clang_tidy.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.vibeguard_obj_root, "test")

bin_dir = os.path.join(config.vibeguard_obj_root, "bin")
module = os.path.join(config.vibeguard_obj_root, "lib", "VibeGuardTidyModule.so")
config.environment["PATH"] = os.pathsep.join(
    [bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])

# %check_clang_tidy <file> <check> [-- extra clang args]: runs vibeguard-tidy with only
# that check and FileCheck's the CHECK-MESSAGES lines; any other warning fails the test.
check_script = os.path.join(config.vibeguard_src_root, "test", "check_clang_tidy.py")
config.substitutions.append(
    ("%check_clang_tidy", "python3 %s --tidy %s" % (check_script, os.path.join(bin_dir, "vibeguard-tidy"))))
config.substitutions.append(("%vibeguard_tidy", os.path.join(bin_dir, "vibeguard-tidy")))
config.substitutions.append(("%vibeguard_module", module))
config.substitutions.append(("%clang_tidy_19", os.path.join(config.llvm_tools_dir, "clang-tidy")))
config.substitutions.append(("%src_root", config.vibeguard_src_root))
config.substitutions.append(("%obj_root", config.vibeguard_obj_root))
config.substitutions.append(("%python", "python3"))
# llama.cpp's real headers (llama.h, common.h, chat.h) from the npm package
# llama-cpp-capacitor, fetched by utils/setup.sh (utils/corpus/fetch.sh llama).
config.substitutions.append(("%llama_include", os.path.join(
    config.vibeguard_src_root, ".cache", "corpora", "llama-cpp-capacitor-0.1.5", "cpp")))
# The JDK's jni.h (Debian's openjdk-17-jdk-headless, installed by utils/setup.sh).
jdk = "/usr/lib/jvm/java-17-openjdk-amd64/include"
config.substitutions.append(("%jni_flags", "-I%s -I%s" % (jdk, os.path.join(jdk, "linux"))))
config.substitutions.append(("%mingw_flags",
    "--target=x86_64-w64-mingw32 -idirafter /usr/x86_64-w64-mingw32/include"))
if os.path.exists("/usr/lib/llvm-14/bin/clang-tidy"):
    config.available_features.add("clang-tidy-14")
    config.substitutions.append(("%clang_tidy_14", "/usr/lib/llvm-14/bin/clang-tidy"))

# The official SARIF validator, installed by utils/setup.sh (npm, pinned).
config.substitutions.append(("%sarif_validator", os.path.join(
    config.vibeguard_src_root, ".cache", "npm", "node_modules", "@microsoft",
    "sarif-multitool-linux", "Sarif.Multitool")))
config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
# Headless Chromium driven by playwright-core (both installed by utils/setup.sh).
config.substitutions.append(("%browser", "env NODE_PATH=" + os.path.join(
    config.vibeguard_src_root, ".cache", "npm", "node_modules") + " node"))
config.substitutions.append(("%exitcode", "python3 " + os.path.join(
    config.vibeguard_src_root, "test", "tools", "Inputs", "exitcode.py")))
