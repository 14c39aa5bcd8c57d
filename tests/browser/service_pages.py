"""The pages of `mecigep serve` in a real browser (Debian's chromium-headless-shell through
Python's playwright): the whole round as its people do it, without JavaScript on our side.

A beneficiary signs in, fills a case in the form generated from the case schema (a document of
the register with its annex uploaded) with two deliberate mistakes, sees both flagged at their
fields, corrects them, compares the two revisions, submits; the Secretariat opens the round and
runs the assessment, and runs a framework's robustness check; two peers enter their levels and
submit; the Secretariat records an agreed level and publishes; the beneficiary switches to
Spanish, reads the report, asks for the follow-up and records what was done with a
recommendation. Asserted on the way: what each person sees, no console errors, no request to
another host, every form control labelled, headings in order, no sideways scroll at 375 px, and a
beneficiary of another country getting 404 on the case's and the round's URLs.

Usage: python3 tests/browser/service_pages.py .build/debug/mecigep [--screenshots docs]"""
import argparse
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "service"))
sys.path.insert(0, os.path.dirname(__file__))
from mecigep_client import PASSWORD, add_users, free_port, start_server, stop  # noqa: E402
from report_layout import find_browser  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402  (axe-core, bundled in the PyPI wheel)

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}

ANNEX = b"%PDF-1.4\n% minutes of the participatory budgeting assemblies\n"

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print(f"  FAIL {message}")


A11Y = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
    if (!byFor && !el.getAttribute('aria-label') && !el.closest('label')) problems.push('unlabelled ' + el.name);
  }
  let last = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4')) {
    const n = Number(h.tagName[1]);
    if (n > last + 1) problems.push('heading ' + h.tagName + ' after h' + last + ': ' + h.textContent.trim());
    last = n;
  }
  if (!document.documentElement.lang) problems.push('no lang');
  if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
  return problems;
}"""


class Person:
    def __init__(self, browser, base, name, shots):
        # bypass_csp: only so that the test can inject axe-core; the pages themselves run no script.
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        self.page = self.context.new_page()
        self.base, self.name, self.shots = base, name, shots
        self.errors, self.outside = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") or r.url.startswith("about:")
                     else self.outside.append(r.url))

    def go(self, path):
        response = self.page.goto(self.base + path)
        return response.status

    def sign_in(self):
        self.go("/login")
        self.page.fill("#username", self.name)
        self.page.fill("#password", PASSWORD)
        self.page.click("button[type=submit]")
        check(self.page.url.rstrip("/") == self.base, f"{self.name}: signed in lands on the home page ({self.page.url})")

    def audit(self, label):
        problems = self.page.evaluate(A11Y)
        check(not problems, f"{label}: accessibility {problems}")
        violations = AXE.run(self.page, options=WCAG).response.get("violations", [])
        check(not violations, f"{label}: axe-core WCAG 2.1 AA violations "
              + "; ".join(f"{v['id']} ({len(v['nodes'])}): {v['help']}" for v in violations))
        self.page.set_viewport_size({"width": 375, "height": 800})
        wide = self.page.evaluate("() => document.documentElement.scrollWidth")
        check(wide <= 375, f"{label}: {wide} px wide at 375 px")
        if self.shots:
            self.page.screenshot(path=os.path.join(self.shots, f"service-{label}-375.png"), full_page=False)
        self.page.set_viewport_size({"width": 1280, "height": 900})
        if self.shots:
            self.page.screenshot(path=os.path.join(self.shots, f"service-{label}-1280.png"), full_page=False)

    def text(self):
        return self.page.inner_text("main")

    def close(self):
        check(not self.errors, f"{self.name}: console errors {self.errors}")
        check(not self.outside, f"{self.name}: requests to another host {self.outside}")
        self.context.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    started = time.time()
    data = tempfile.mkdtemp(prefix="mecigep-pages-")
    add_users(args.binary, data, [("sec", "secretariat", None), ("br", "beneficiary", "BR"), ("ar", "beneficiary", "AR"),
                                  ("uy", "peer", "UY"), ("pe", "peer", "PE")])
    port = free_port()
    server = start_server(args.binary, data, port)
    base = f"http://localhost:{port}"
    steps = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_browser())
            br, sec, uy, pe, ar = (Person(browser, base, n, args.screenshots) for n in ["br", "sec", "uy", "pe", "ar"])

            t = time.time()
            br.sign_in()
            br.audit("home")
            br.page.click("text=Present a new case")
            check(br.page.query_selector("form.case-form") is not None, "the new case page is the generated form")
            f = br.page
            f.fill("#f-id", "BR-2027-01")
            check(f.input_value("#f-identification-country") == "BR", "the form starts with the beneficiary's State")
            f.fill("#f-identification-agency", "Prefeitura Municipal de Porto Alegre")
            f.fill("#f-identification-title", "Novo ciclo do Orçamento Participativo")
            f.select_option("#f-identification-thematic_area", "open_government")
            f.select_option("#f-identification-instrument", "program")
            f.fill("#f-identification-planned_launch", "2027-02-30")          # mistake 1: no such day
            f.fill("#f-summary", "Votação digital e prestação de contas das demandas do OP.")
            f.fill("#f-problem-baseline-0-indicator", "Participantes das assembleias do OP")
            f.fill("#f-problem-baseline-0-value", "six thousand eight hundred")  # mistake 2: not a number
            f.fill("#f-problem-baseline-0-year", "2025")
            f.fill("#f-problem-baseline-0-document", "d1")
            f.fill("#f-documents-0-id", "d1")
            f.fill("#f-documents-0-title", "Atas das assembleias do OP 2025")
            f.set_input_files("#f-documents-0-file", files=[{"name": "atas-op-2025.pdf", "mimeType": "application/pdf",
                                                             "buffer": ANNEX}])
            f.click("form.case-form .form-actions button")
            case_url = f.url.split("/form")[0]
            check("/cases/" in case_url, f"the form saves a new case ({f.url})")
            launch = f.inner_text("#f-identification-planned_launch-error") if f.query_selector("#f-identification-planned_launch-error") else ""
            value = f.inner_text("#f-problem-baseline-0-value-error") if f.query_selector("#f-problem-baseline-0-value-error") else ""
            check(launch != "", "the impossible date is flagged at its field")
            check("number" in value, f"the text typed as a number is flagged at its field ({value!r})")
            check(f.get_attribute("#f-identification-planned_launch", "aria-invalid") == "true", "the flagged input is marked invalid")
            malformed = f.inner_text("#malformed") if f.query_selector("#malformed") else ""
            check("identification.planned_launch" in malformed and "problem.baseline[1].value" in malformed,
                  "the completeness panel lists both mistakes")
            check(f.input_value("#f-problem-baseline-0-value") == "six thousand eight hundred", "the mistake is kept as typed to be corrected")
            check(f.query_selector("a[href*='/annexes/']") is not None, "the annex is stored and linked from its document")
            f.locator("#f-identification-planned_launch").scroll_into_view_if_needed()
            br.audit("case-form")
            f.fill("#f-identification-planned_launch", "2027-03-01")
            f.fill("#f-problem-baseline-0-value", "6800")
            f.click("form.case-form .form-actions button")
            check(f.query_selector(".field-error") is None, "no field is flagged after the correction")
            check("Every field is well formed." in f.inner_text("#completeness"), "the corrected revision is well formed")
            br.go(case_url.replace(base, ""))
            br.page.click("text=Changes since revision 1")
            diff = br.text()
            check("identification.planned_launch" in diff and "2027-02-30" in diff and "2027-03-01" in diff,
                  "the two revisions compare field by field")
            check("identification.title" not in diff, "unchanged fields are not listed")
            br.audit("case-diff")
            br.go(case_url.replace(base, ""))
            br.audit("case")
            br.page.click("#submit button[type=submit]")
            check("submitted" in br.text(), "the case is submitted")
            steps.append(("beneficiary: form with annex and 2 mistakes, correct, compare, submit", time.time() - t))

            t = time.time()
            sec.sign_in()
            sec.page.click("main a[href^='/cases/']")
            sec.page.fill("#peer1", "UY")
            sec.page.fill("#peer2", "PE")
            sec.page.click("#open-round button[type=submit]")
            round_url = sec.page.url
            check("/rounds/" in round_url, "the round opens")
            sec.page.click("#assessment button[type=submit]")
            check(sec.page.query_selector("#assessment table") is not None, "the assessment's levels are shown")
            rules = [c.inner_text() for c in sec.page.query_selector_all("#assessment tbody tr td:nth-child(2)")]
            check(len(rules) == 7, f"a rules result for every criterion: {rules}")
            check("Done: Assessment run" in sec.page.inner_text("#progress"), "the progress shows the assessment done")
            sec.go("/frameworks")
            sec.page.click("form[action='/frameworks/pefa-budget/robustness'] button")
            check("forbidden moves: 0" in sec.page.inner_text("#robustness-output"), "robustness runs from the page, no forbidden move")
            sec.audit("frameworks")
            steps.append(("secretariat: open the round, assess, robustness", time.time() - t))

            t = time.time()
            for peer, base_level in [(uy, "2"), (pe, "3")]:
                peer.sign_in()
                check("awaiting your input" in peer.text(), f"{peer.name}: the round awaits its input")
                peer.go(round_url.replace(base, ""))
                for select in peer.page.query_selector_all("select[name^='level.']"):
                    select.select_option(base_level)
                peer.page.fill("#peer-comments", f"Comments of {peer.name.upper()}.")
                peer.page.fill("#peer-recommendation", f"Recommendation of {peer.name.upper()}.")
                if peer is uy:
                    peer.audit("peer-input")
                peer.page.click("button[value=true]")
                check("submitted" in peer.text(), f"{peer.name}: input submitted")
            steps.append(("two peers: levels, comments, recommendation, submit", time.time() - t))

            t = time.time()
            sec.go(round_url.replace(base, ""))
            check("UY: submitted" in sec.text() and "PE: submitted" in sec.text(), "the Secretariat sees both inputs submitted")
            header = sec.page.inner_text("#assessment table thead")
            check("UY" in header and "PE" in header, "the levels table puts each peer beside the rules")
            sec.page.fill("#justification", "Agreed at the meeting of the ad-hoc group.")
            sec.page.click("#agreed button[type=submit]")
            check("Agreed at the meeting" in sec.text(), "the agreed level is recorded")
            sec.audit("round")
            sec.page.click("#publish button[type=submit]")
            check("Read the report" in sec.text(), "the round is published")
            sec.go("/audit")
            check("round.publish" in sec.text(), "the audit log shows the publication")
            sec.audit("audit")
            steps.append(("secretariat: agreed level, publish", time.time() - t))

            t = time.time()
            br.go("/")
            br.page.select_option("#language-choice", "es")
            br.page.click("header form.inline button:has-text('Change')")
            check("Inicio" in br.page.title() or br.page.evaluate("document.documentElement.lang") == "es", "the pages are in Spanish")
            br.go(round_url.replace(base, "") + "/report")
            frame = br.page.frame_locator("iframe.report")
            check(frame.locator("html").get_attribute("lang") == "es", "the embedded report is in Spanish")
            check("Comments of UY." in frame.locator("body").inner_text(), "the report carries the peers' input")
            br.audit("report")
            br.go(round_url.replace(base, ""))
            br.page.click("form[action$='/follow-up'] button")
            br.page.click("a[href$='/follow-up']")
            check(br.page.query_selector("#follow-up-form") is not None, "the follow-up form lists the recommendations")
            br.page.fill("#fu-date", "2027-11-30")
            br.page.fill("#fu-by", "Prefeitura Municipal de Porto Alegre")
            br.page.select_option("#rec-0-status", "in_progress")
            br.page.fill("#rec-0-date", "2027-10-01")
            br.page.fill("#rec-0-note", "Em andamento.")
            br.page.click("#follow-up-form button[type=submit]")
            check("Registrado el" in br.text(), "the follow-up is recorded")
            br.audit("follow-up")
            br.page.click("text=leer el seguimiento")
            check("Em andamento." in br.page.inner_text("body"), "the follow-up report carries the note")
            steps.append(("beneficiary: reads the report in Spanish, records the follow-up", time.time() - t))

            ar.sign_in()
            for path in [case_url.replace(base, ""), round_url.replace(base, ""), round_url.replace(base, "") + "/report",
                         "/api" + case_url.replace(base, "")]:
                check(ar.go(path) == 404, f"another country's beneficiary gets 404 on {path}")
            # The browser logs each 404 it was asked for; those are the answers this step wants.
            ar.errors = [e for e in ar.errors if "status of 404" not in e]
            for person in (br, sec, uy, pe, ar):
                person.close()
            browser.close()
    finally:
        stop(server)
    for name, seconds in steps:
        print(f"  {seconds:5.1f} s  {name}")
    if failures:
        print(f"service pages: {len(failures)} failures", file=sys.stderr)
        return 1
    print(f"service pages: ok ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
