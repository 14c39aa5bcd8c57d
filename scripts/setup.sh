#!/usr/bin/env bash
# Installs what mecigep needs to build and test on Debian: Lua 5.4 (library and headers, and the
# interpreter the benchmark compares against) and pkg-config. A no-op when all are present.
set -euo pipefail

need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "setup: need root to install: ${need[*]} (run: apt-get install ${need[*]})" >&2
    exit 2
  fi
else
  SUDO=
fi

echo "setup: installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
