"""Kills `mecigep serve` with SIGKILL at random moments while clients upload cases, add
revisions and run assessments, then restarts it and checks, after every kill:

- the server starts cleanly (answers /healthz, the database passes SQLite's integrity check);
- every request that got a success answer is there, intact: each acknowledged revision has the
  uploaded bytes (sha256), each acknowledged assessment its row;
- nothing half-written is visible: revisions are numbered 1..n with no gap and n is the case's
  latest, and every revision and assessment has its audit entry (they are one transaction).

Usage: python3 tests/service/kill_test.py .build/debug/mecigep [KILLS]"""
import hashlib
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from mecigep_client import Client, add_users, free_port, read_case, start_server, stop  # noqa: E402

CASE = read_case("examples/pefa-cases/cr-fiscal-rule.yaml")


def variant(n):
    """A distinct, valid case text: the same case with a numbered comment."""
    return f"# upload {n} {random.random()}\n" + CASE


class Ledger:
    """What the server acknowledged: (case id, revision number) -> sha256, and assessment ids."""
    def __init__(self):
        self.lock = threading.Lock()
        self.revisions = {}
        self.assessments = set()
        self.acks = 0

    def revision(self, case_id, number, text):
        with self.lock:
            self.revisions[(case_id, number)] = hashlib.sha256(text.encode()).hexdigest()
            self.acks += 1

    def assessment(self, assessment_id):
        with self.lock:
            self.assessments.add(assessment_id)
            self.acks += 1


def uploader(port, ledger, stop_flag, seed):
    rnd = random.Random(seed)
    c = Client(port, timeout=30)
    try:
        c.login("cr")
        draft = None
        n = 0
        while not stop_flag.is_set():
            n += 1
            text = variant(f"{seed}-{n}")
            if draft is None or rnd.random() < 0.3:
                status, body = c.json("POST", "/api/cases", {"format": "yaml", "content": text, "framework": "pefa-budget"})
                if status == 201:
                    draft = body["case"]["id"]
                    ledger.revision(draft, 1, text)
            else:
                status, body = c.json("POST", f"/api/cases/{draft}/revisions",
                                      {"format": "yaml", "content": text, "framework": "pefa-budget"})
                if status == 201:
                    ledger.revision(draft, body["number"], text)
    except (OSError, AssertionError, ValueError):
        pass


def assessor(port, ledger, stop_flag, round_id):
    c = Client(port, timeout=60)
    try:
        c.login("sec")
        while not stop_flag.is_set():
            status, body = c.json("POST", f"/api/rounds/{round_id}/assessments", {})
            if status == 201:
                ledger.assessment(body["id"])
    except (OSError, AssertionError, ValueError):
        pass


def prepare_round(port):
    """A submitted case and an open round to assess, made before the kills start."""
    cr, sec = Client(port), Client(port)
    cr.login("cr")
    sec.login("sec")
    _, created = cr.json("POST", "/api/cases", {"format": "yaml", "content": CASE, "framework": "pefa-budget"}, expect=201)
    cr.json("POST", f"/api/cases/{created['case']['id']}/submit", {}, expect=200)
    _, round_ = sec.json("POST", "/api/rounds", {"case": created["case"]["id"], "framework": "pefa-budget",
                                                 "peers": [{"country": "UY"}, {"country": "CL"}]}, expect=201)
    return round_["id"]


def verify(data, ledger):
    db = sqlite3.connect(f"file:{os.path.join(data, 'mecigep.sqlite')}?mode=ro", uri=True)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok", f"integrity check: {check}"
        rows = {(c, n): (sha, hashlib.sha256(body).hexdigest())
                for c, n, sha, body in db.execute("SELECT case_id, number, sha256, body FROM case_revisions")}
        for key, sha in ledger.revisions.items():
            assert key in rows, f"acknowledged revision {key} is missing"
            stored_sha, body_sha = rows[key]
            assert stored_sha == sha == body_sha, f"revision {key} is not what was uploaded"
        for case_id, latest in db.execute("SELECT id, latest_revision FROM cases"):
            numbers = sorted(n for (c, n) in rows if c == case_id)
            assert numbers == list(range(1, latest + 1)), f"case {case_id}: revisions {numbers}, latest {latest}"
            audited = db.execute("SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND action IN ('case.upload', 'case.revision')",
                                 (case_id,)).fetchone()[0]
            assert audited == latest, f"case {case_id}: {latest} revisions but {audited} audit entries"
        assessments = {a for (a,) in db.execute("SELECT id FROM assessments")}
        missing = ledger.assessments - assessments
        assert not missing, f"acknowledged assessments missing: {missing}"
        for (round_id, count) in db.execute("SELECT round_id, COUNT(*) FROM assessments GROUP BY round_id"):
            audited = db.execute("SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND action = 'round.assess'",
                                 (round_id,)).fetchone()[0]
            assert audited == count, f"round {round_id}: {count} assessments, {audited} audit entries"
    finally:
        db.close()


def main(binary, kills):
    started = time.time()
    data = tempfile.mkdtemp(prefix="mecigep-kill-")
    add_users(binary, data, [("sec", "secretariat", None), ("cr", "beneficiary", "CR")])
    port = free_port()
    log = open(os.path.join(data, "serve.log"), "ab")
    server = start_server(binary, data, port, log=log)
    round_id = prepare_round(port)
    ledger = Ledger()
    rnd = random.Random(int(os.environ.get("KILL_SEED", "2026")))
    restarts = []
    for k in range(kills):
        stop_flag = threading.Event()
        threads = [threading.Thread(target=uploader, args=(port, ledger, stop_flag, k * 10 + i)) for i in range(3)]
        threads.append(threading.Thread(target=assessor, args=(port, ledger, stop_flag, round_id)))
        for t in threads:
            t.start()
        time.sleep(rnd.uniform(0.3, 2.0))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop_flag.set()
        for t in threads:
            t.join(timeout=60)
        verify(data, ledger)
        t0 = time.time()
        server = start_server(binary, data, port, log=log)
        restarts.append(time.time() - t0)
        verify(data, ledger)
    assert stop(server) == 0, "the server did not stop cleanly on SIGTERM"
    verify(data, ledger)
    restarts.sort()
    print(f"kill test: {kills} SIGKILLs, {ledger.acks} acknowledged writes ({len(ledger.revisions)} revisions, "
          f"{len(ledger.assessments)} assessments) all intact; restart median {restarts[len(restarts) // 2]:.2f} s, "
          f"max {restarts[-1]:.2f} s; {time.time() - started:.0f} s in all")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mecigep", int(sys.argv[2]) if len(sys.argv) > 2 else 20)
