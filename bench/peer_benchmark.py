#!/usr/bin/env python3
"""The peer benchmark (bench/peer/, docs/performance.md): the same synthetic cases and the same
7 x 4 rules, assessed by the bare pipeline (stock lua5.4 + lua-cjson, no host: the limit), by
Python hosting the same Lua through lupa, and by `mecigep assess` with 1 and 2 jobs. Runs are
interleaved (A B C D A B C D ...) and the medians compared as ratios, because the machine is
shared and noisy. mecigep's levels are checked identical to the bare pipeline's on every case.
Then the core framework: CPU per case in a batch, one case from the command line, the rule tests,
and the floor of its rules: the same rules run by stock lua5.4 with no host (bench/core/).

Usage: python3 bench/peer_benchmark.py .build/release/mecigep [--cases 10000] [--runs 3] [--large]
  --large   also 10x the cases (scaling of time and peak memory)
Prints figures and the issue's targets; exits 0 (a benchmark reports, it does not judge)."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer")
ROOT = os.path.dirname(HERE)


def run(argv, stdout=None):
    """Runs argv to the end under GNU time; returns wall seconds, CPU seconds (user + system) and
    peak RSS (MiB). (Not os.wait4 from here: a child forked from Python reports the Python
    process's size as its peak until it execs.)"""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", suffix=".time") as figures:
        status = subprocess.call(["/usr/bin/time", "-f", "%e %U %S %M", "-o", figures.name] + argv, stdout=out,
                                 stderr=subprocess.DEVNULL)
        wall, user, system, peak = figures.read().split()[-4:]
    if stdout:
        out.close()
    if status not in (0, 1):
        raise SystemExit(f"{argv[0]} failed ({status}): {' '.join(argv)}")
    return float(wall), float(user) + float(system), float(peak) / 1024


def corpus(n, work):
    """N generated cases as JSON lines and as one JSON file each (made once, kept in .bench/)."""
    folder = os.path.join(work, f"peer-{n}")
    lines, cases = os.path.join(folder, "cases.jsonl"), os.path.join(folder, "cases")
    marker = os.path.join(folder, ".complete-3")  # -3: cases-nonull.jsonl beside the case files
    if not os.path.exists(marker):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        subprocess.run([sys.executable, os.path.join(PEER, "gen_cases.py"), str(n), lines], check=True)
        subprocess.run([sys.executable, os.path.join(PEER, "jsonl_to_cases.py"), lines, cases], check=True)
        open(marker, "w").close()
    return folder, lines, cases


def have_lupa():
    try:
        import lupa  # noqa: F401
        from lupa import lua54  # noqa: F401
        return True
    except ImportError:
        return False


def systems(binary, lines, cases, folder):
    out = os.path.join(folder, "out")
    rules = os.path.join(PEER, "rules")
    s = [("bare lua5.4 + cjson", ["lua5.4", os.path.join(PEER, "pure_lua.lua"), lines], os.path.join(folder, "bare.jsonl"))]
    if have_lupa():
        s.append(("lupa (Python + Lua 5.4)", [sys.executable, os.path.join(PEER, "lupa_host.py"), lines], None))
    # JSON lines in and out, as the other systems read and write them (assess --jsonl)
    for jobs in (1, 2):
        s.append((f"mecigep assess --jobs {jobs}", [binary, "assess", "--jsonl", cases + "-nonull.jsonl", "--rules", rules,
                                                    "--framework", "bench-ref", "--jobs", str(jobs)],
                  out + f"{jobs}.jsonl"))
    # the same cases with their nulls kept: they reach the rules as the null sentinel and some
    # indicators fail (string.lower(null)), as rules fail on real cases with unexpected values.
    # Not the others' work (they drop nulls when they read a case): a guide to what failures cost.
    s.append(("mecigep --jobs 1, nulls kept", [binary, "assess", "--jsonl", lines, "--rules", rules,
                                                "--framework", "bench-ref", "--jobs", "1"], None))
    # one file per case and the summaries, as the Secretariat runs a folder of cases
    s.append(("mecigep assess --out (files)", [binary, "assess", cases, "--rules", rules, "--framework", "bench-ref",
                                               "--jobs", "1", "--out", out + "-files"], None))
    return s


def measure(binary, n, runs, work):
    folder, lines, cases = corpus(n, work)
    chosen = systems(binary, lines, cases, folder)
    for name, argv, stdout in chosen:  # warm-up (file cache), and the outputs the levels check reads
        run(argv, stdout)
    figures = {name: [] for name, _, _ in chosen}
    for _ in range(runs):
        for name, argv, stdout in chosen:
            figures[name].append(run(argv, stdout))
    check = subprocess.run([sys.executable, os.path.join(PEER, "compare_levels.py"), os.path.join(folder, "bare.jsonl"),
                            os.path.join(folder, "out1.jsonl")], capture_output=True, text=True)
    medians = {name: tuple(statistics.median(r[i] for r in rows) for i in range(3)) for name, rows in figures.items()}
    return medians, check.stdout.strip().splitlines()[-1] if check.stdout else check.stderr.strip()


def report(n, medians, levels):
    bare = medians["bare lua5.4 + cjson"]
    lupa = medians.get("lupa (Python + Lua 5.4)")
    print(f"\npeer benchmark, {n} cases (medians of interleaved runs)")
    print(f"  {'system':28} {'wall s':>8} {'CPU s':>8} {'cases/s':>9} {'peak MiB':>9} {'CPU/bare':>9} {'wall/bare':>10} {'CPU/lupa':>9}")
    for name, (wall, cpu, peak) in medians.items():
        vs_lupa = f"{cpu / lupa[1]:9.2f}" if lupa else f"{'-':>9}"
        print(f"  {name:28} {wall:8.2f} {cpu:8.2f} {n / wall:9.0f} {peak:9.1f} {cpu / bare[1]:9.2f} {wall / bare[0]:10.2f} {vs_lupa}")
    print(f"  levels: {levels}")
    m1, m2 = medians["mecigep assess --jobs 1"], medians["mecigep assess --jobs 2"]
    print("  targets (issue 14):")
    print(f"    1 job CPU <= 1.5x bare: {m1[1] / bare[1]:.2f}x")
    print(f"    2 jobs wall <= 0.8x bare: {m2[0] / bare[0]:.2f}x")
    if lupa:
        print(f"    1 job CPU <= 0.7x lupa: {m1[1] / lupa[1]:.2f}x")
    nulls = medians.get("mecigep --jobs 1, nulls kept")
    if nulls:
        print(f"    (nulls kept, so that some indicators fail, 1 job: {nulls[1] / bare[1]:.2f}x bare's CPU; not the same work)")


def core_floor(binary, runs, scratch):
    """The core rules' floor: the same rules run by stock lua5.4 with no host and no sandbox
    (bench/core/stock_harness.lua) against mecigep's CPU per case in a batch with the start and the
    framework's load taken off (a batch of the example cases eight times, minus a batch of them
    once), interleaved. Prints the example batch's CPU (with the start), both per-case figures, and
    how many indicator levels the harness gave as mecigep did."""
    examples = os.path.join(ROOT, "examples/cases")
    names = sorted(f for f in os.listdir(examples) if f.endswith(".yaml"))
    lines = os.path.join(scratch, "examples.jsonl")
    # (the files named one by one, so that the harness's lines are in the order of `names`)
    subprocess.run([sys.executable, os.path.join(HERE, "core", "cases_to_jsonl.py"), lines]
                   + [os.path.join(examples, name) for name in names], check=True, stdout=subprocess.DEVNULL)
    eight = os.path.join(scratch, "examples-x8")
    shutil.rmtree(eight, ignore_errors=True)
    os.makedirs(eight)
    for i in range(8):
        for name in names:
            shutil.copy(os.path.join(examples, name), os.path.join(eight, f"{i}-{name}"))
    rounds = 8
    harness = ["lua5.4", os.path.join(HERE, "core", "stock_harness.lua"), os.path.join(ROOT, "rules"), "mecigep-core",
               os.path.join(ROOT, "Sources/MecigepEngine/Lua/EngineLibrary.swift"), lines]
    once, many = os.path.join(scratch, "out-once"), os.path.join(scratch, "out-x8")
    stock, host, examples_cpu = [], [], []
    for _ in range(max(runs, 5)):
        printed = subprocess.run(harness + [str(rounds)], capture_output=True, text=True, check=True).stdout
        figures = dict(line.split(" ", 1) for line in printed.splitlines() if not line.startswith("case "))
        stock.append(float(figures["cpu_s"]) / (rounds * len(names)))
        for folder in (once, many):
            shutil.rmtree(folder, ignore_errors=True)
        a = run([binary, "assess", eight, "--jobs", "1", "--out", many])[1]
        b = run([binary, "assess", examples, "--jobs", "1", "--out", once])[1]
        host.append((a - b) / (7 * len(names)))
        examples_cpu.append(b)
    same, total = 0, 0
    levels = subprocess.run(harness + ["0"], capture_output=True, text=True, check=True).stdout
    for name, line in zip(names, (l for l in levels.splitlines() if l.startswith("case "))):
        with open(os.path.join(once, name[:-5] + ".json"), encoding="utf-8") as f:
            assessment = json.load(f)
        given = {}
        for criterion in assessment["criteria"]:
            for indicator in criterion["indicators"]:
                r = indicator["result"]
                given[indicator["id"]] = str(r["level"]) if r["status"] == "assessed" else r["status"]
        for pair in line.split()[2:]:
            key, value = pair.split("=", 1)
            total += 1
            same += given.get(key) == value
    s, h, cpu = statistics.median(stock), statistics.median(host), statistics.median(examples_cpu)
    print(f"  {len(names)} example cases, 1 job: {cpu:.2f} s CPU, {cpu / len(names) * 1000:.1f} ms per case with startup "
          "(mecigep-bench assess gives the batch figure; target 4 ms)")
    print(f"  the core rules alone, stock lua5.4 (no host, no sandbox): {s * 1000:.2f} ms per case "
          f"(levels as mecigep's on {same} of {total} indicator results; the harness does not read "
          "placeholders and omissions as the host does)")
    print(f"  mecigep, the same cases in a batch, start and load taken off: {h * 1000:.2f} ms per case "
          f"({h / s:.2f} x the rules alone; target 4 ms)")


def core(binary, runs):
    """The core framework: one case from the command line, the rule tests, CPU per case in a batch."""
    print("\ncore framework (mecigep-core)")
    one = os.path.join(ROOT, "examples/cases/uy-digital-government.yaml")
    scratch = os.path.join(ROOT, ".bench", "one")
    os.makedirs(scratch, exist_ok=True)
    walls = [run([binary, "assess", one, "--out", scratch])[0] for _ in range(max(runs, 5))]
    print(f"  one case from the command line: median {statistics.median(walls) * 1000:.0f} ms (target < 50 ms)")
    tests = [run([binary, "test", os.path.join(ROOT, "rules")])[0] for _ in range(max(runs, 3))]
    print(f"  mecigep test rules: median {statistics.median(tests):.2f} s (target < 0.5 s)")
    floor = os.path.join(ROOT, ".bench", "core-floor")
    os.makedirs(floor, exist_ok=True)
    core_floor(binary, runs, floor)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    if shutil.which("lua5.4") is None:
        raise SystemExit("peer benchmark: lua5.4 is missing (bash scripts/bench-setup.sh installs lua5.4, lua-cjson and lupa)")
    work = os.path.join(ROOT, ".bench")
    medians, levels = measure(args.binary, args.cases, args.runs, work)
    report(args.cases, medians, levels)
    if args.large:
        big = args.cases * 10
        large, levels10 = measure(args.binary, big, 1, work)
        report(big, large, levels10)
        for name in medians:
            t0, t1 = medians[name], large[name]
            print(f"  scaling x10, {name}: time x{t1[0] / t0[0]:.2f}, peak memory {t0[2]:.0f} -> {t1[2]:.0f} MiB")
    core(args.binary, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
