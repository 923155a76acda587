#!/usr/bin/env python3
"""Writes OPHS instances built like the kit's SET_8-4_TSP, from TSPLIB cities, for trip and hotel
counts the kit lacks (week-long tours: 7 trips and more). Not a published set: they check that
the search is tuned to the problem, not to the kit's files, and have no proven optima.

The rule read off SET_8-4_TSP (berlin52-H10-T4-S4 and the others): the vertices are the TSPLIB
cities, each scored 10–100 in steps of 10; the start hotel sits on city 1, the end hotel and the
extra hotels on other cities; Tmax is 0.8 × the optimal tour length, split evenly over the trips.

Usage: make_tsp_ophs.py TSP_DIR OUT_DIR [--hotels 11] [--trips 7] [--seed 1] [--names berlin52,st70,...]
"""
import argparse, csv, os, random

p = argparse.ArgumentParser()
p.add_argument("tsp_dir")
p.add_argument("out_dir")
p.add_argument("--hotels", type=int, default=11, help="extra hotels (H)")
p.add_argument("--trips", type=int, default=7)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--names", default="berlin52,st70,kroA100,ch150")
a = p.parse_args()

optima = {r["name"]: float(r["optimum"]) for r in csv.DictReader(open(os.path.join(a.tsp_dir, "optima.csv")))}
os.makedirs(a.out_dir, exist_ok=True)
for name in a.names.split(","):
    lines = open(os.path.join(a.tsp_dir, "instances", name + ".tsp")).read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("NODE_COORD_SECTION")) + 1
    cities = []
    for l in lines[start:]:
        f = l.split()
        if len(f) < 3 or f[0] == "EOF": break
        cities.append((float(f[1]), float(f[2])))
    rng = random.Random(f"{name}-{a.hotels}-{a.trips}-{a.seed}")
    scores = [10 * rng.randint(1, 10) for _ in cities]
    others = rng.sample(range(1, len(cities)), a.hotels + 1)
    hotels = [cities[0]] + [cities[i] for i in others]
    tmax = round(0.8 * optima[name], 1)
    td = round(tmax / a.trips, 1)
    out = [f"{len(cities) + 2}\t{a.hotels}\t{a.trips}", f"{tmax:g}", "\t".join(f"{td:g}" for _ in range(a.trips))]
    out += [f"{x:g}\t{y:g}\t0" for x, y in hotels]
    out += [f"{x:g}\t{y:g}\t{s}" for (x, y), s in zip(cities, scores)]
    path = os.path.join(a.out_dir, f"{name.lower()}-H{a.hotels + 2}-T{a.trips}-s{a.seed}.ophs")
    open(path, "w").write("\n".join(out) + "\n")
    print(path)
