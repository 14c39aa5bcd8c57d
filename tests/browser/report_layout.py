#!/usr/bin/env python3
"""Checks the HTML reports in a real browser: they fit a phone and print well.

Usage: python3 tests/browser/report_layout.py [.build/debug/mecigep] [--screenshots DIR]

It builds nothing: it runs the given mecigep binary to write the example report and the example
round (with its follow-up) as HTML into a temporary folder, opens each in headless Chromium
(Debian's chromium-headless-shell, driven by Playwright; scripts/browser-setup.sh installs both)
at 1280 px and 375 px wide, and asserts:
  - no horizontal overflow: document.documentElement.scrollWidth <= window.innerWidth;
  - no console error and no page error;
  - no request leaves the page: every request is the file itself, data: or about:;
  - at 375 px, every piece of chart text (SVG <text>) renders at 11 px or more, measured as its
    computed font size times the SVG's scale on screen (getScreenCTM), and no chart text sticks
    out of its chart (it would be clipped);
then prints each to PDF (A4, as Chromium prints) and checks the page count against a bound and
that no page but the last is less than a quarter full (see page_fill for how fill is measured).
With --screenshots DIR it also saves DIR/report-1280.png, DIR/report-375.png, DIR/round-1280.png
and DIR/round-375.png: one screen from the executive summary on (text, radar chart, a table).
--keep DIR keeps the HTML and PDF files there.
It prints the figures it measured and exits 1 when an assertion fails, 2 when it cannot run.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CASE = "examples/cases/uy-digital-government.yaml"
ROUND = "examples/rounds/br-participatory-budgeting.round.yaml"
FOLLOW_UP = "examples/rounds/br-participatory-budgeting.follow-up.yaml"

WIDTHS = (1280, 375)
MIN_CHART_TEXT_PX = 11.0
MIN_FILL = 0.25
# Page bounds for A4. With a page per section the report printed on 34 pages and the round on
# 41; with breaks only after the cover they took 28 and 33, and 32 and 38 once mecigep-core 2.0
# added key recommendations, the questions table and the cited documents. The bounds leave room
# for a little growth; the fill check below is what catches a page per section coming back.
MAX_PAGES = {"report": 36, "round": 42}
MIN_PAGES = 4


def find_browser():
    """Debian's chromium-headless-shell binary, or $MECIGEP_CHROMIUM."""
    env = os.environ.get("MECIGEP_CHROMIUM")
    if env:
        return env
    try:
        files = subprocess.run(["dpkg", "-L", "chromium-headless-shell"], capture_output=True, text=True).stdout.split()
    except OSError:
        files = []
    for f in files:
        if os.path.basename(f) in ("chromium-headless-shell", "chrome-headless-shell", "headless_shell") \
                and os.path.isfile(f) and os.access(f, os.X_OK) and f.startswith("/usr/lib/"):
            return f
    return shutil.which("chromium-headless-shell")


# Figures measured in the page: the overflow, what is wider than the screen, and chart text.
MEASURE = """() => {
  const out = { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: [],
                minText: null, minTextWhat: '', clipped: [] };
  // What sticks out of the screen (outside a box that scrolls), to name the culprit on failure.
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 && !e.parentElement.closest('.table-wrap, figure'))
      out.wide.push(e.tagName.toLowerCase() + ' "' + (e.textContent || '').trim().slice(0, 50) + '" right=' + Math.round(r.right));
  }
  out.wide = out.wide.slice(0, 5);
  for (const t of document.querySelectorAll('svg text')) {
    if (!t.getClientRects().length || !t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (out.minText === null || px < out.minText) {
      out.minText = px;
      out.minTextWhat = (t.getAttribute('class') || 'text') + ' "' + t.textContent.slice(0, 30) + '"';
    }
    const svg = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();
    if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
      out.clipped.push('"' + t.textContent.slice(0, 30) + '"');
  }
  return out;
}"""


def page_fill(pdf_path):
    """How full each page of the PDF is, from 0 to 1, and the page count.

    Fill is the share of the page's printable height that lies above its lowest line of text:
    pypdf reports where each piece of text is drawn (its baseline, in PDF points from the bottom
    of the sheet), and the printable area is taken from the document itself, from the highest
    to the lowest baseline on any page, so neither the margins nor the fonts need to be known.
    A page whose text stops a quarter of the way down is 25% full; charts are covered because
    every chart carries text at its bottom (tick labels, legend, caption). This is robust to
    how Chromium splits or encodes the text, which extracting and counting lines is not.
    """
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    extents = []
    for page in reader.pages:
        ys = []

        def visit(text, cm, tm, font, size, ys=ys):
            if text.strip():
                # The text matrix's origin mapped by the current transformation matrix.
                ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        extents.append((max(ys), min(ys)) if ys else None)
    seen = [e for e in extents if e]
    top, bottom = max(e[0] for e in seen), min(e[1] for e in seen)
    return [0.0 if e is None else (top - e[1]) / (top - bottom) for e in extents]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", nargs="?", default=".build/debug/mecigep")
    ap.add_argument("--screenshots", metavar="DIR", help="save PNG screenshots into DIR (e.g. docs)")
    ap.add_argument("--keep", metavar="DIR", help="write the HTML and PDF files into DIR and keep them")
    args = ap.parse_args()

    try:
        from playwright.sync_api import sync_playwright
        import pypdf  # noqa: F401
    except ImportError as e:
        print(f"browser-test: {e}; run scripts/browser-setup.sh", file=sys.stderr)
        return 2
    browser_path = find_browser()
    if not browser_path:
        print("browser-test: chromium-headless-shell not found; run scripts/browser-setup.sh", file=sys.stderr)
        return 2
    if not os.access(args.binary, os.X_OK):
        print(f"browser-test: no mecigep binary at {args.binary} (build first)", file=sys.stderr)
        return 2

    work = args.keep or tempfile.mkdtemp(prefix="mecigep-browser-")
    os.makedirs(work, exist_ok=True)
    docs = {
        "report": [args.binary, "report", CASE, "--format", "html", "--out", os.path.join(work, "report.html")],
        "round": [args.binary, "round", ROUND, "--follow-up", FOLLOW_UP, "--format", "html", "--out", os.path.join(work, "round.html")],
    }
    failures = []

    def check(ok, message):
        if not ok:
            failures.append(message)
            print(f"  FAIL {message}")

    for name, cmd in docs.items():
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"browser-test: {' '.join(cmd)} failed:\n{run.stderr}", file=sys.stderr)
            return 2

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path)
        for name in docs:
            path = os.path.abspath(os.path.join(work, f"{name}.html"))
            url = "file://" + path
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 800})
                errors, outside = [], []
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

                def on_request(r, outside=outside, url=url):
                    u = r.url.split("#")[0]
                    if not (u == url or u.startswith("data:") or u.startswith("about:")):
                        outside.append(r.url)

                page.on("request", on_request)
                page.goto(url, wait_until="load")
                m = page.evaluate(MEASURE)
                text = f"{m['minText']:.1f} px ({m['minTextWhat']})" if m["minText"] is not None else "none"
                print(f"{name} @ {width}px: page width {m['scrollWidth']} px, smallest chart text {text}")
                check(m["scrollWidth"] <= m["innerWidth"],
                      f"{name} @ {width}px scrolls sideways: {m['scrollWidth']} > {m['innerWidth']}; too wide: {m['wide']}")
                check(not errors, f"{name} @ {width}px console errors: {errors}")
                check(not outside, f"{name} @ {width}px requests outside the file: {outside}")
                check(not m["clipped"], f"{name} @ {width}px chart text outside its chart: {m['clipped'][:5]}")
                if width == 375:
                    check(m["minText"] is not None and m["minText"] >= MIN_CHART_TEXT_PX,
                          f"{name} @ {width}px chart text under {MIN_CHART_TEXT_PX} px: {text}")
                if args.screenshots:
                    os.makedirs(args.screenshots, exist_ok=True)
                    shot = os.path.join(args.screenshots, f"{name}-{width}.png")
                    # The screen from the executive summary's heading: text, the radar, a table.
                    page.evaluate("() => document.querySelector('main > section').scrollIntoView()")
                    page.screenshot(path=shot)
                    print(f"  saved {shot}")
                page.close()

            page = browser.new_page()
            page.goto(url, wait_until="load")
            pdf = os.path.join(work, f"{name}.pdf")
            page.pdf(path=pdf, format="A4")
            page.close()
            fills = page_fill(pdf)
            least = min(range(len(fills) - 1), key=lambda i: fills[i]) if len(fills) > 1 else 0
            print(f"{name} printed: {len(fills)} A4 pages (bound {MIN_PAGES}..{MAX_PAGES[name]}), "
                  f"least-filled page {least + 1}: {fills[least]:.0%} (the last, {fills[-1]:.0%}, may be less)")
            check(MIN_PAGES <= len(fills) <= MAX_PAGES[name],
                  f"{name} prints on {len(fills)} pages, outside {MIN_PAGES}..{MAX_PAGES[name]}")
            under = [f"{i + 1} ({f:.0%})" for i, f in enumerate(fills[:-1]) if f < MIN_FILL]
            check(not under, f"{name} pages under a quarter full: {', '.join(under)}")
        browser.close()

    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"browser-test: {len(failures)} failure(s)")
        return 1
    print("browser-test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
