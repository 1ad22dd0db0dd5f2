#!/usr/bin/env bash
# Fetches real-world C/C++ code shipped inside pinned npm packages and writes a
# compile_commands.json for each, so vibeguard can be run (and timed) on code it was not
# written against.
#   bash utils/corpus/fetch.sh [sqlite|leveldb|libxml2|llama|all]   (default: all)
#
# Each package is fetched with `npm pack NAME@VERSION`, checked against its pinned
# integrity and extracted (the tarball's top folder stripped) into
#   ${VIBEGUARD_CORPUS_DIR:-<repo>/.cache/corpora}/<package>-<version>/
# An extracted package is not downloaded again; compile_commands.json is rewritten on
# every run (absolute paths; "arguments"[0] is the compiler, as in CMake's databases).
# Every entry parses with `clang-19 -fsyntax-only` on Debian 12 (glibc, libstdc++ 12).
#
# Corpora, the flags they get (taken from the package's own build files) and what is
# left out:
#   sqlite   better-sqlite3: deps/sqlite3/sqlite3.c, the SQLite 3.54.1 amalgamation (1 TU).
#            -std=c99 -DNDEBUG plus the -D list of deps/defines.gypi, read at run time.
#            Left out: deps/test_extension.c (a test extension, not SQLite).
#   leveldb  leveldown: deps/leveldb/leveldb-1.20, with the snappy it links against.
#            -std=c++11 -DLEVELDB_PLATFORM_POSIX=1 -DOS_LINUX=1 -DSNAPPY=1 (as leveldb.gyp).
#            LevelDB files: the .cc files of db/ util/ table/ port/ helpers/memenv/ minus
#            what upstream's build_detect_platform prunes from the library:
#              *test*.cc (tests, incl. util/testharness.cc and util/testutil.cc),
#              *_bench.cc (db/db_bench.cc), db/leveldbutil.cc (a tool with main()).
#            Also left out: issues/*_test.cc (regression tests) and deps/leveldb/port-libuv/
#              (the Windows port: needs uv.h, windows.h and process.h).
#            Snappy: snappy.cc snappy-c.cc snappy-sinksource.cc snappy-stubs-internal.cc
#              with -DHAVE_CONFIG_H=1 -I deps/snappy/linux (as snappy.gyp); left out
#              snappy-test.cc and snappy_unittest.cc (tests).
#   libxml2  libxmljs2: vendor/libxml, libxml2 2.9.9 with the configure-generated Linux
#            vendor/libxml/config.h (include/win32config.h is the Windows one).
#            -std=gnu99 -DLIBXML_XINCLUDE_ENABLED -DLIBXML_SCHEMATRON_ENABLED (as
#            libxmljs2's binding.gyp) -I vendor/libxml -I vendor/libxml/include.
#            All of vendor/libxml/*.c except:
#              runsuite.c (conformance test runner), xmllint.c and xmlcatalog.c (tools
#              with main()), rngparser.c (unfinished compact-RelaxNG parser that upstream
#              never builds; calls an undeclared function), trio.c trionan.c triostr.c
#              (the trio printf replacement, only built WITH_TRIO, i.e. never on Linux;
#              trio.c does not parse without it).
#            The binding's own src/*.cc are not libxml2 (and need node/nan headers).
#   llama    llama-cpp-capacitor: cpp/, a flattened llama.cpp + ggml (symbols renamed
#            lm_ggml_*) + common/chat/minja + the plugin's cap-*.cpp, configured as the
#            package's android/src/main/CMakeLists.txt builds it: C -std=gnu11, C++
#            -std=c++17, -DNDEBUG -DLM_GGML_USE_CPU -DLM_GGML_CPU_GENERIC, plus
#            -D_GNU_SOURCE (upstream ggml sets it on Linux; glibc needs it for CPU_ZERO,
#            getcpu, pthread_getaffinity_np in ggml-cpu.c, Android's bionic does not).
#            All cpp/**/*.c and *.cpp except:
#              cap-embedding.cpp (not in the package's build; does not compile: calls
#                llama_batch_add, declared only in namespace capllama, from outside it),
#              ggml-cpu/arch/{x86,arm}/* (not in the package's build: under
#                LM_GGML_CPU_GENERIC, quants.c and repack.cpp already define the same
#                functions through arch-fallback.h, so they would be duplicates),
#              ggml-metal.m (Objective-C, Apple only).
#            cap-llama.cpp gets `-include cstdarg`: it uses va_start without including
#            <cstdarg>, which Android's headers pull in and libstdc++'s do not.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${VIBEGUARD_CORPUS_DIR:-$root/.cache/corpora}

usage() { echo "usage: bash utils/corpus/fetch.sh [sqlite|leveldb|libxml2|llama|all]" >&2; exit 2; }
[[ $# -le 1 ]] || usage
case ${1:-all} in
  all) corpora=(sqlite leveldb libxml2 llama) ;;
  sqlite|leveldb|libxml2|llama) corpora=("$1") ;;
  *) usage ;;
esac

# corpus -> package, pinned version, sha512 integrity of the tarball (npm view NAME@V dist.integrity)
package_of() {
  case $1 in
    sqlite)  echo "better-sqlite3 13.2.0 sha512-Z8Q/9x/uNyKxA1v4FNodyItRVRw1TeKBrmj32JhxhR0ceNcBY+wMobt/Bv7M7TzwPAXjnZRtNaEsATnUZSKWZQ==" ;;
    leveldb) echo "leveldown 6.1.1 sha512-88c+E+Eizn4CkQOBHwqlCJaTNEjGpaEIikn1S+cINc5E9HEvJ77bqY4JY/HxT5u0caWqsc3P3DcFIKBI1vHt+A==" ;;
    libxml2) echo "libxmljs2 0.37.0 sha512-Xb78V8GZouoZFrq8cCwx7+G3WYOcJG0xb3YUbweSyE4z2EIrQCZMr3Ye/dHn4mESs6YxUMeQeUZm5IXg+iLHog==" ;;
    llama)   echo "llama-cpp-capacitor 0.1.5 sha512-81u2ydsd4nO70jrv4XnxgqiPekm4IJD4xX5gVlTKwROpfV8NyQBpBs+7ywG4i0eKQmGuvCkFepaixheJ6FeOgQ==" ;;
  esac
}

# The compilers named in the databases (absolute when installed; nothing is compiled here).
cc=$(command -v clang-19 || echo clang-19)
cxx=$(command -v clang++-19 || echo clang++-19)

mkdir -p "$cache"
tmp=
trap '[[ -z $tmp ]] || rm -rf "$tmp"' EXIT

# fetch PACKAGE VERSION INTEGRITY DEST: npm pack + verify + extract into DEST, unless done.
fetch() {
  local pkg=$1 ver=$2 integrity=$3 dest=$4
  [[ -f $dest/.vibeguard-fetched ]] && return 0
  command -v npm >/dev/null || { echo "error: npm is needed to download $pkg@$ver" >&2; exit 1; }
  echo "== downloading $pkg@$ver" >&2
  tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
  if ! npm pack --silent --pack-destination "$tmp" "$pkg@$ver" >"$tmp/npm.log" 2>&1; then
    cat "$tmp/npm.log" >&2
    echo "error: npm pack $pkg@$ver failed" >&2
    exit 1
  fi
  local tgz=$tmp/$pkg-$ver.tgz got
  got=sha512-$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$tgz")
  if [[ $got != "$integrity" ]]; then
    echo "error: $pkg@$ver: integrity $got, expected $integrity" >&2
    exit 1
  fi
  mkdir "$tmp/x"
  tar -xzf "$tgz" -C "$tmp/x" --strip-components=1 --no-same-owner
  echo "$integrity" > "$tmp/x/.vibeguard-fetched"
  rm -rf "$dest"
  mv "$tmp/x" "$dest"
  rm -rf "$tmp"
  tmp=
}

# gen CORPUS DEST: writes DEST/compile_commands.json, prints the number of entries.
gen() {
  VIBEGUARD_ROOT="$root" python3 - "$1" "$2" "$cc" "$cxx" <<'EOF'
import ast, glob, json, os, re, sys

corpus, dest, CC, CXX = sys.argv[1:]


def entry(directory, compiler, flags, f):
    assert os.path.isfile(f), f"missing source file {f}"
    return {"directory": directory, "file": f, "arguments": [compiler, *flags, "-c", f]}


def pick(paths, base, excluded):
    """paths minus the excluded ones (relative to base); each exclusion must match."""
    rel = {os.path.relpath(p, base): p for p in paths}
    for pat in excluded:
        hit = [r for r in rel if re.fullmatch(pat, r)]
        assert hit, f"{corpus}: exclusion {pat!r} matches nothing under {base}"
        for r in hit:
            del rel[r]
    return [rel[r] for r in sorted(rel)]


def one_dir(pattern):
    hits = glob.glob(pattern)
    assert len(hits) == 1, f"expected one match for {pattern}, got {hits}"
    return hits[0]


entries = []
if corpus == "sqlite":
    src = os.path.join(dest, "deps", "sqlite3")
    text = re.sub(r"#.*", "", open(os.path.join(dest, "deps", "defines.gypi")).read())
    defines = ["-D" + d for d in ast.literal_eval(text)["defines"]]
    flags = ["-std=c99", "-DNDEBUG", *defines, "-I" + src]
    entries.append(entry(src, CC, flags, os.path.join(src, "sqlite3.c")))

elif corpus == "leveldb":
    ldb = one_dir(os.path.join(dest, "deps", "leveldb", "leveldb-*"))
    snappy = os.path.join(dest, "deps", "snappy")
    snappy_inc = ["-I" + os.path.join(snappy, "linux"), "-I" + os.path.join(snappy, "snappy")]
    flags = ["-std=c++11", "-DLEVELDB_PLATFORM_POSIX=1", "-DOS_LINUX=1", "-DSNAPPY=1",
             "-I" + ldb, "-I" + os.path.join(ldb, "include"), *snappy_inc]
    srcs = []
    for d in ("db", "util", "table", "port", "helpers/memenv"):
        srcs += glob.glob(os.path.join(ldb, d, "*.cc"))
    for f in pick(srcs, ldb, [r".*test.*\.cc", r".*_bench\.cc", r"db/leveldbutil\.cc"]):
        entries.append(entry(ldb, CXX, flags, f))
    sflags = ["-std=c++11", "-DHAVE_CONFIG_H=1", *snappy_inc]
    sdir = os.path.join(snappy, "snappy")
    for f in pick(glob.glob(os.path.join(sdir, "*.cc")), sdir,
                  [r"snappy-test\.cc", r"snappy_unittest\.cc"]):
        entries.append(entry(sdir, CXX, sflags, f))

elif corpus == "libxml2":
    x = os.path.join(dest, "vendor", "libxml")
    flags = ["-std=gnu99", "-DLIBXML_XINCLUDE_ENABLED", "-DLIBXML_SCHEMATRON_ENABLED",
             "-I" + x, "-I" + os.path.join(x, "include")]
    for f in pick(glob.glob(os.path.join(x, "*.c")), x,
                  [r"runsuite\.c", r"xmllint\.c", r"xmlcatalog\.c", r"rngparser\.c",
                   r"trio\.c", r"trionan\.c", r"triostr\.c"]):
        entries.append(entry(x, CC, flags, f))

elif corpus == "llama":
    c = os.path.join(dest, "cpp")
    common = ["-DNDEBUG", "-D_GNU_SOURCE", "-DLM_GGML_USE_CPU", "-DLM_GGML_CPU_GENERIC",
              "-I" + c, "-I" + os.path.join(c, "ggml-cpu"), "-I" + os.path.join(c, "tools", "mtmd")]
    srcs = [p for ext in ("c", "cpp") for p in glob.glob(os.path.join(c, "**", "*." + ext), recursive=True)]
    for f in pick(srcs, c, [r"cap-embedding\.cpp", r"ggml-cpu/arch/.*"]):
        if f.endswith(".c"):
            entries.append(entry(c, CC, ["-std=gnu11", *common], f))
        else:
            extra = ["-include", "cstdarg"] if os.path.basename(f) == "cap-llama.cpp" else []
            entries.append(entry(c, CXX, ["-std=c++17", *common, *extra], f))
    # The Android bridge, where prompts arrive from the app through JNI: with the JDK's
    # jni.h (Debian's openjdk-17-jdk-headless) and utils/corpus/shims/android/log.h.
    jdk = "/usr/lib/jvm/java-17-openjdk-amd64/include"
    shims = os.path.join(os.environ["VIBEGUARD_ROOT"], "utils", "corpus", "shims")
    if os.path.exists(os.path.join(jdk, "jni.h")):
        entries.append(entry(c, CXX, ["-std=c++17", *common, "-I" + jdk,
                                      "-I" + os.path.join(jdk, "linux"), "-I" + shims],
                             os.path.join(dest, "android", "src", "main", "jni.cpp")))
    else:
        print("llama: no JDK jni.h (apt-get install openjdk-17-jdk-headless): "
              "android/src/main/jni.cpp left out", file=sys.stderr)

assert entries, f"{corpus}: no translation units found"
out = os.path.join(dest, "compile_commands.json")
with open(out + ".tmp", "w") as fh:
    json.dump(entries, fh, indent=2)
    fh.write("\n")
os.replace(out + ".tmp", out)
print(len(entries))
EOF
}

summary=()
for corpus in "${corpora[@]}"; do
  read -r pkg ver integrity <<<"$(package_of "$corpus")"
  dest=$cache/$pkg-$ver
  fetch "$pkg" "$ver" "$integrity" "$dest"
  n=$(gen "$corpus" "$dest")
  summary+=("$(printf '%-8s %-26s %3s TU%-1s  %s' "$corpus" "$pkg@$ver" "$n" "$([[ $n == 1 ]] || echo s)" \
    "$dest/compile_commands.json")")
done
printf '%s\n' "${summary[@]}"
