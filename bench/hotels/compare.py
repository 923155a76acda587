#!/usr/bin/env python3
"""Plans each case with the new hotel selection (--night-search sequences, the default) and the
earlier local search (--night-search local), with seeds 1, 2 and 3, checks that consecutive days
chain (each day starts where the last ended) and prints the mean scores side by side with the
mean wall time of a plan, and the nights of seed 1. Means, because one seed's score moves by a few
points with the day solver's luck on the same nights.

With ITERATIONS=N in the environment every plan stops after N solver iterations instead of
on the clock (the time limit is raised to 60 s): the answers are then repeatable, and a gap
between the two searches cannot come from how busy the machine was.

Usage: [ITERATIONS=N] compare.py SHOWCASE DB LABEL [SECONDS]
"""
import json, os, subprocess, sys, time

showcase, db, label = sys.argv[1:4]
secs = sys.argv[4] if len(sys.argv) > 4 else "2"
iterations = os.environ.get("ITERATIONS")
limit = ["--iterations", iterations, "--time-limit", "60"] if iterations else ["--time-limit", secs]
cases = [
    ("Hohhot -> Chifeng, 4 days", ["--start", "Hohhot", "--end", "Chifeng", "--date", "2026-06-02", "--days", "4", "--window", "07:00-20:00"]),
    ("Hohhot round trip, 3 days", ["--start", "Hohhot", "--date", "2026-06-02", "--days", "3"]),
    ("Hohhot round trip, 5 days, coach", ["--start", "Hohhot", "--date", "2026-06-02", "--days", "5", "--profile", "coach"]),
    ("Baotou -> Ordos, 2 days", ["--start", "Baotou", "--end", "Ordos", "--date", "2026-06-02", "--days", "2"]),
    ("Hohhot -> Baotou, 3 days, heritage", ["--start", "Hohhot", "--end", "Baotou", "--date", "2026-06-02", "--days", "3", "--theme", "heritage"]),
    ("Chifeng -> Hohhot, 5 days", ["--start", "Chifeng", "--end", "Hohhot", "--date", "2026-06-02", "--days", "5", "--window", "07:00-20:00"]),
]


SEEDS = ["1", "2", "3"]


def plan(args, how, seed):
    t0 = time.monotonic()
    run = subprocess.run([showcase, "plan", "--db", db, *args, "--choose-hotels", "--night-search", how, "--format", "json",
                          *limit, "--seed", seed], capture_output=True, text=True)
    wall = time.monotonic() - t0
    if run.returncode != 0:
        return None, wall, run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "failed"
    doc = json.loads(run.stdout)
    days = doc["days"]
    for a, b in zip(days, days[1:]):
        assert a["stops"][-1]["label"] == b["stops"][0]["label"], "days do not chain"
    nights = [d["stops"][-1]["label"] for d in days[:-1]]
    return doc["score"], wall, ", ".join(nights)


def runs(args, how):
    found = [plan(args, how, seed) for seed in SEEDS]
    scores = [score for score, _, _ in found if score is not None]
    if len(scores) < len(found):
        return None, 0, next(n for s, _, n in found if s is None)
    return sum(scores) / len(scores), sum(w for _, w, _ in found) / len(found), found[0][2]


print(f"{'data':<9} {'case':<36} {'new':>6} {'old':>6} {'new-old':>7} {'new s':>6} {'old s':>6}  nights, seed 1 (new | old)")
worse = 0
for name, args in cases:
    new, tn, nn = runs(args, "sequences")
    old, to, no = runs(args, "local")
    diff = "" if new is None or old is None else f"{new - old:+.1f}"
    if new is not None and old is not None and new < old: worse += 1
    if new is None and old is not None: worse += 1
    fmt = lambda v: "-" if v is None else f"{v:.1f}"
    print(f"{label:<9} {name:<36} {fmt(new):>6} {fmt(old):>6} {diff:>7} {tn:6.1f} {to:6.1f}  {nn} | {no}")
sys.exit(1 if worse else 0)
