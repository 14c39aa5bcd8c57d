"""A bounded load test of `mecigep serve` on loopback: READERS concurrent users read the
published report, UPLOADERS upload cases (each validated by a worker), and one Secretariat
user runs assessments, for SECONDS. Prints requests per second and p50/p99 latency per kind,
and the server's peak memory (VmHWM).

Usage: python3 tests/service/load_test.py .build/release/mecigep [SECONDS] [READERS] [UPLOADERS]"""
import json
import multiprocessing
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from mecigep_client import Client, add_users, free_port, read_case, start_server, stop  # noqa: E402

PEFA = read_case("examples/pefa-cases/cr-fiscal-rule.yaml")


def setup(port):
    """A published round to read and an open round to assess, both of the PEFA example case."""
    cr, sec, uy, cl = Client(port), Client(port), Client(port), Client(port)
    for c, n in [(cr, "cr"), (sec, "sec"), (uy, "uy"), (cl, "cl")]:
        c.login(n)
    rounds = []
    for _ in range(2):
        _, created = cr.json("POST", "/api/cases", {"format": "yaml", "content": PEFA, "framework": "pefa-budget"}, expect=201)
        cr.json("POST", f"/api/cases/{created['case']['id']}/submit", {}, expect=200)
        _, r = sec.json("POST", "/api/rounds", {"case": created["case"]["id"], "framework": "pefa-budget",
                                                "peers": [{"country": "UY"}, {"country": "CL"}]}, expect=201)
        rounds.append(r["id"])
    published = rounds[0]
    _, a = sec.json("POST", f"/api/rounds/{published}/assessments", {}, expect=201)
    assert a["status"] == "done", a
    criteria = list(json.loads(a["levels"]))
    for peer, country in [(uy, "UY"), (cl, "CL")]:
        peer.json("PUT", f"/api/rounds/{published}/inputs/{country}", {"levels": {}, "submit": True}, expect=200)
    sec.json("POST", f"/api/rounds/{published}/publish", expect=200)
    return published, rounds[1], criteria


def worker(args):
    kind, port, seconds, target, seed = args
    c = Client(port, timeout=120)
    c.login({"read": "cr", "upload": "cr", "assess": "sec"}[kind])
    latencies, errors = [], 0
    end = time.time() + seconds
    n = 0
    while time.time() < end:
        n += 1
        t0 = time.perf_counter()
        if kind == "read":
            status, _, body = c.request("GET", f"/api/rounds/{target}/report?format=html&lang=es")
            ok = status == 200 and len(body) > 1000
        elif kind == "upload":
            status, _ = c.json("POST", "/api/cases", {"format": "yaml", "content": f"# {seed}-{n}\n" + PEFA,
                                                      "framework": "pefa-budget"})
            ok = status == 201
        else:
            status, body = c.json("POST", f"/api/rounds/{target}/assessments", {})
            ok = status == 201 and body.get("status") == "done"
        latencies.append(time.perf_counter() - t0)
        errors += 0 if ok else 1
    return kind, latencies, errors


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(binary, seconds, readers, uploaders):
    data = tempfile.mkdtemp(prefix="mecigep-load-")
    add_users(binary, data, [("sec", "secretariat", None), ("cr", "beneficiary", "CR"), ("uy", "peer", "UY"),
                             ("cl", "peer", "CL")])
    port = free_port()
    server = start_server(binary, data, port)
    try:
        published, open_round, _ = setup(port)
        jobs = ([("read", port, seconds, published, i) for i in range(readers)]
                + [("upload", port, seconds, None, i) for i in range(uploaders)]
                + [("assess", port, seconds, open_round, 0)])
        started = time.time()
        with multiprocessing.Pool(len(jobs)) as pool:
            results = pool.map(worker, jobs)
        elapsed = time.time() - started
        memory = peak_memory_mb(server.pid)
    finally:
        stop(server)
    print(f"load test: {readers} readers, {uploaders} uploaders, 1 assessor, {seconds} s on loopback "
          f"({os.cpu_count()} cores shared by server, workers and clients)")
    figures = {}
    for kind in ("read", "upload", "assess"):
        lat = [x for k, l, _ in results if k == kind for x in l]
        errors = sum(e for k, _, e in results if k == kind)
        figures[kind] = {"requests": len(lat), "per_second": len(lat) / elapsed, "p50_ms": percentile(lat, 50) * 1000,
                         "p99_ms": percentile(lat, 99) * 1000, "errors": errors}
        label = {"read": "report page", "upload": "case upload", "assess": "assessment"}[kind]
        print(f"  {label:12s} {len(lat):6d} requests  {len(lat) / elapsed:8.1f}/s  p50 {figures[kind]['p50_ms']:8.1f} ms"
              f"  p99 {figures[kind]['p99_ms']:8.1f} ms  errors {errors}")
    print(f"  server peak memory (VmHWM) {memory:.0f} MB")
    assert all(f["errors"] == 0 for f in figures.values()), "some requests failed under load"
    assert figures["read"]["requests"] > 0 and figures["upload"]["requests"] > 0 and figures["assess"]["requests"] > 0


if __name__ == "__main__":
    a = sys.argv
    main(a[1] if len(a) > 1 else ".build/release/mecigep", int(a[2]) if len(a) > 2 else 30, int(a[3]) if len(a) > 3 else 8,
         int(a[4]) if len(a) > 4 else 2)
