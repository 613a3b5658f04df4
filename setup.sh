#!/usr/bin/env bash
# Installs what regla needs on Debian 12 (as root, or with sudo) and builds it into build/.
# Idempotent: packages already present are not reinstalled; the build is incremental.
#   ./setup.sh              release build in build/
#   ./setup.sh sanitize     ASan+UBSan build in build-sanitize/
#   ./setup.sh fuzz         clang libFuzzer harnesses in build-fuzz/
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-release}

# The README's "Dependencies" says why each is there.
packages=(cmake make g++ tao-pegtl-dev libboost-date-time-dev nlohmann-json3-dev librapidcheck-dev
          libgtest-dev libsimdjson-dev libssl-dev libcli11-dev libicu-dev git python3
          python3-jsonschema curl postgresql chromium nodejs
          pybind11-dev python3-dev python3-pybind11 python3-pandas python3-dask python3-distributed
          parallel)
[ "$mode" = release ] || packages+=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
command -v npm >/dev/null 2>&1 || missing+=(npm)  # a nodejs that brings its own npm needs none
if [ ${#missing[@]} -gt 0 ]; then
  as_root=""
  [ "$(id -u)" = 0 ] || as_root=sudo
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core, exactly as locked, and never a browser of its own: the test drives Debian's.
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
# vscode-jsonrpc, exactly as locked: the real LSP client the `regla lsp` test drives it with.
(cd tests/lsp && npm ci --no-audit --no-fund --silent)

jobs=$(nproc)
case "$mode" in
  release)
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build -j "$jobs" ;;
  sanitize)
    cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
          -DREGLA_SANITIZE=ON >/dev/null
    cmake --build build-sanitize -j "$jobs" ;;
  fuzz)
    cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
          -DREGLA_FUZZ=ON -DREGLA_BUILD_TESTS=OFF >/dev/null
    cmake --build build-fuzz -j "$jobs" ;;
  *) echo "usage: ./setup.sh [release|sanitize|fuzz]" >&2; exit 2 ;;
esac
