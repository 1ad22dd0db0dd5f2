#!/usr/bin/env bash
# Installs what vibeguard needs to build, test and run its demo on Debian 12.
# Idempotent: packages already present are not touched, and apt-get update runs
# only when something is missing.
set -euo pipefail
#   bash utils/setup.sh               everything: build, tests, demo
#   bash utils/setup.sh --scan-only   what building and running vibeguard scan/report
#                                     needs (CI jobs that scan): no test-only packages
scan_only=0
case ${1:-} in
  "") ;;
  --scan-only) scan_only=1 ;;
  *) echo "vibeguard setup: unknown option '$1' (use --scan-only or nothing)" >&2; exit 2 ;;
esac

# Build toolchain and the Clang 19 parts vibeguard links against.
PKGS=(
  cmake ninja-build ccache git pkg-config python3 python3-yaml
  llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 llvm-19-tools libclang-rt-19-dev openssl
  libre2-dev libgtest-dev googletest
  # Real headers of the APIs the checks model (used by lit tests and examples/).
  libssl-dev libcurl4-openssl-dev libsqlite3-dev libsqlcipher-dev libpq-dev
  default-libmysqlclient-dev libssh2-1-dev libldap-dev unixodbc-dev
  nlohmann-json3-dev libcpp-httplib-dev libsodium-dev libargon2-dev
  libspdlog-dev libfmt-dev libgoogle-glog-dev
  libmbedtls-dev libcrypto++-dev libbotan-2-dev libjwt-dev libpam0g-dev
  mingw-w64-x86-64-dev
  # jni.h (JNI bridges of Android/JVM apps; the NDK declares the same API)
  openjdk-17-jdk-headless
  # clangd 19's static libraries (vibeguard-clangd) link its gRPC remote index.
  libgrpc++-dev libprotobuf-dev libabsl-dev
  # A clang-tidy of another Clang version, to test that the module refuses it.
  clang-tidy-14
)

if ((scan_only)); then
  PKGS=(cmake ninja-build ccache git pkg-config python3 llvm-19-dev libclang-19-dev clang-19
        clang-tidy-19 llvm-19-tools openssl libssl-dev libre2-dev libgtest-dev googletest)
fi

missing=()
for p in "${PKGS[@]}"; do
  [[ $p == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "vibeguard setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

((scan_only)) && exit 0

# The official SARIF validator (tests of vibeguard scan), pinned, from the npm registry.
root=$(cd "$(dirname "$0")/.." && pwd)
sarif_dir=$root/.cache/npm
sarif_tool=$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $sarif_tool ]]; then
  if ! command -v npm >/dev/null; then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  echo "vibeguard setup: installing @microsoft/sarif-multitool-linux@5.7.0"
  mkdir -p "$sarif_dir"
  npm install --prefix "$sarif_dir" --no-audit --no-fund --silent \
    @microsoft/sarif-multitool-linux@5.7.0 >/dev/null
  chmod +x "$sarif_tool"
fi

# llama.cpp's real headers (llama.h, common.h, chat.h) for the LLM rules' tests: the
# npm package llama-cpp-capacitor, pinned and checked by the corpus fetcher.
bash "$root/utils/corpus/fetch.sh" llama

# Headless Chromium and playwright-core (tests of the HTML report), pinned.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "ok installed"; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "vibeguard setup: installing chromium"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
pw_version=1.64.1
if [[ $(node -p "require('$sarif_dir/node_modules/playwright-core/package.json').version" 2>/dev/null) != "$pw_version" ]]; then
  echo "vibeguard setup: installing playwright-core@$pw_version"
  npm install --prefix "$sarif_dir" --no-audit --no-fund --silent "playwright-core@$pw_version" >/dev/null
fi
