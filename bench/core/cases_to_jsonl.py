#!/usr/bin/env python3
"""Writes case files (YAML or JSON) as JSON lines, for bench/core/stock_harness.lua.

    python3 bench/core/cases_to_jsonl.py OUT.jsonl CASE_OR_FOLDER...

Dates become the text they were written as (the host reads them so), and null fields are dropped
(the host hands a case's nulls to the rules as absent fields too)."""
import datetime, json, os, sys

import yaml


def plain(v):
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def main():
    out, sources = sys.argv[1], sys.argv[2:]
    files = []
    for s in sources:
        if os.path.isdir(s):
            files += sorted(os.path.join(s, f) for f in os.listdir(s) if f.endswith((".yaml", ".yml", ".json")))
        else:
            files.append(s)
    with open(out, "w", encoding="utf-8") as f:
        for path in files:
            with open(path, encoding="utf-8") as src:
                case = yaml.safe_load(src)
            f.write(json.dumps(plain(case), ensure_ascii=False) + "\n")
    print(f"{len(files)} cases -> {out}")


if __name__ == "__main__":
    main()
