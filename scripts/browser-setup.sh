#!/usr/bin/env bash
# Installs what the browser layout test (tests/browser/report_layout.py) needs, and is a no-op
# when all is present:
#   - Debian's chromium-headless-shell (a headless Chromium; no browser download by Playwright);
#   - Python's playwright, which drives it (`playwright install` is never run: the test passes
#     the Debian binary as executable_path), and pypdf, with which it reads the printed PDF;
#   - axe-playwright-python, whose wheel carries axe-core (no download at run time), for the
#     pages' WCAG 2.1 AA check.
set -euo pipefail

have_shell() {
  dpkg -s chromium-headless-shell >/dev/null 2>&1 && [ -n "$(shell_binary)" ]
}

# The binary the Debian package ships (its path differs between releases), printed or nothing.
shell_binary() {
  dpkg -L chromium-headless-shell 2>/dev/null | while read -r f; do
    case "$f" in
      */chrome-headless-shell|*/headless_shell|*/chromium-headless-shell)
        if [ -f "$f" ] && [ -x "$f" ]; then echo "$f"; break; fi ;;
    esac
  done
}

if ! have_shell; then
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      echo "browser-setup: need root to install chromium-headless-shell (run: apt-get install chromium-headless-shell)" >&2
      exit 2
    fi
  else
    SUDO=
  fi
  echo "browser-setup: installing chromium-headless-shell" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null
fi

python_need=()
python3 -c 'import playwright.sync_api' 2>/dev/null || python_need+=(playwright)
python3 -c 'import pypdf' 2>/dev/null || python_need+=(pypdf)
python3 -c 'import axe_playwright_python' 2>/dev/null || python_need+=(axe-playwright-python)
if [ ${#python_need[@]} -gt 0 ]; then
  echo "browser-setup: installing Python packages ${python_need[*]}" >&2
  python3 -m pip install --quiet "${python_need[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${python_need[@]}"
fi

bin="$(shell_binary)"
if [ -z "$bin" ]; then
  echo "browser-setup: chromium-headless-shell is installed but its binary was not found" >&2
  exit 1
fi
echo "browser-setup: browser $bin" >&2
