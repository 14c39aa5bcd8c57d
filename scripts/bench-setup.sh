#!/usr/bin/env bash
# What `make bench` needs beyond the build: the peer benchmark's other hosts (stock Lua 5.4 with
# lua-cjson: the bare pipeline; lupa: Python hosting the same Lua) and PyYAML (the core rules'
# floor reads the example cases). Installs only what is missing.
set -euo pipefail
missing=()
command -v lua5.4 >/dev/null || missing+=(lua5.4)
[ -x /usr/bin/time ] || missing+=(time)
lua5.4 -e 'require "cjson"' 2>/dev/null || missing+=(lua-cjson)
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
python3 -c 'from lupa import lua54' 2>/dev/null || python3 -m pip install --quiet lupa
echo "bench-setup: lua5.4 $(lua5.4 -v 2>&1 | cut -d' ' -f2), lua-cjson, lupa $(python3 -c 'import lupa; print(lupa.__version__)')"
