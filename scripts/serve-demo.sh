#!/usr/bin/env bash
# `make serve`: the service on the shipped examples. Seeds mecigep-data/ the first time (one
# account per role, the example cases, an assessed round), then serves on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/mecigep}
DATA=${MECIGEP_DATA:-mecigep-data}
if [ ! -f "$DATA/mecigep.sqlite" ]; then
  python3 scripts/seed_demo.py "$BIN" "$DATA"
fi
echo "sign in at http://localhost:${PORT:-8080}/ (secretariat, brazil, peer-uy, peer-pe, methodologist; password correct-horse-battery)"
echo "API: http://127.0.0.1:8080/openapi.json (docs/service.md)"
exec "$BIN" serve --data "$DATA" --port "${PORT:-8080}"
