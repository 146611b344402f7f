#!/usr/bin/env python3
"""Turns ClickBench hardware-benchmark result files into hwcmp benchmark rows.

Usage: clickbench-rows.py SUITE CONFIG COMMIT REPO_PATH_PREFIX FILE=SYSTEM...

Each FILE is a ClickBench result JSON (43 queries, three runs each: cold,
hot, hot) read from github.com/ClickHouse/ClickBench at COMMIT: a hardware
benchmark file (hardware/results, gravitons/results) or a per-database
file (DBMS/results/DATE/MACHINE.json); its rows cite
https://github.com/ClickHouse/ClickBench/blob/COMMIT/PREFIX/<file name>.
The score of a query is its hot run, the faster of runs 2 and 3, as
ClickBench's own summary takes it (seconds, lower is better); every run
time is kept in the note. A query with a missing (null) run is written with
no score so that hwcmp's loader refuses it loudly rather than this script
dropping it. Not run by CI: it documents how bench/data/benchmarks-cpu-
clickbench*.csv were made, so anyone can re-derive them from the files.
"""
import csv
import json
import os
import sys


def main(argv):
    suite, config, commit, prefix = argv[1:5]
    w = csv.writer(sys.stdout, lineterminator="\n")
    for arg in argv[5:]:
        path, system = arg.split("=", 1)
        with open(path) as f:
            d = json.load(f)
        name = os.path.basename(path)
        rel = f"{prefix}/{name}"
        about = d.get("comment") or ""
        machine = d.get("machine", "")
        tags = ", ".join(d.get("tags", []))
        if "system" in d:  # a per-database result file (ClickBench's main benchmark)
            desc = (f"{d['system']} on {machine}, tuned: {d.get('tuned', '?')}, "
                    f"load {d.get('load_time', '?')} s, data {d.get('data_size', '?')} B")
        else:  # a hardware-benchmark result file
            desc = about if about else f"machine '{machine}', tags [{tags}], no comment"
        date = (d.get("date") or d["time"])[:10]
        for q, runs in enumerate(d["result"]):
            hot = [r for r in runs[1:3] if r is not None]
            score = repr(min(hot)) if len(hot) == 2 else ""
            shown = "/".join("null" if r is None else repr(r) for r in runs)
            w.writerow([system, suite, f"Q{q:02d}", config, score, "s", "LIB", 2, "",
                        f"https://github.com/ClickHouse/ClickBench/blob/{commit}/{rel}",
                        f"{rel} query {q}", date,
                        f"runs {shown} s (cold/hot/hot); {desc}"])


if __name__ == "__main__":
    main(sys.argv)
