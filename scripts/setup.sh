#!/usr/bin/env bash
# Installs what mecigep needs to build and test on Debian, and is a no-op when all is present:
#   - Lua 5.4: the library and headers (liblua5.4-dev), pkg-config, and the lua5.4 interpreter
#     the benchmark compares against;
#   - zlib's headers (zlib1g-dev), which framework packages (.mecigep.tar.gz) are compressed with;
#   - SQLite's headers (libsqlite3-dev), the service's database (through GRDB);
#   - luacheck (Debian's lua-check), which checks the rules;
#   - Python's jsonschema and html5lib, the independent validators the tests use, and
#     schemathesis, which checks the service's API against docs/openapi.json.
set -euo pipefail

need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v luacheck >/dev/null 2>&1 || need+=(lua-check)
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-pip)

if [ ${#need[@]} -gt 0 ]; then
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
fi

python_need=()
python3 -c 'import jsonschema' 2>/dev/null || python_need+=(jsonschema)
python3 -c 'import html5lib' 2>/dev/null || python_need+=(html5lib)
command -v schemathesis >/dev/null 2>&1 || python_need+=(schemathesis)
if [ ${#python_need[@]} -gt 0 ]; then
  echo "setup: installing Python packages ${python_need[*]}" >&2
  if python3 -m pip --version >/dev/null 2>&1; then
    python3 -m pip install --quiet "${python_need[@]}" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "${python_need[@]}"
  else
    # a Debian python3 without pip: Debian's own packages of the same libraries
    debs=()
    for p in "${python_need[@]}"; do debs+=("python3-$p"); done
    [ "$(id -u)" -eq 0 ] && SUDO= || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
  fi
fi
