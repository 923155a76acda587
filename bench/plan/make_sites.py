#!/usr/bin/env python3
"""Generates N candidate sites around Hohhot, Baotou and Ordos (the shipped network's densest
part) as a sites CSV for `showcase sites import`: kinds, themes, visit times and opening hours
(a third closed on Mondays, some with seasons). Same N, same file.

Usage: make_sites.py N > sites.csv
"""
import csv, random, sys

n = int(sys.argv[1])
rng = random.Random(7)
kinds = ["museum", "community", "temple", "memorial", "village", "scenic-area", "education-base"]
hours = ["", "", "Tu-Su 09:00-17:00; Mo off", "09:00-17:00", "08:30-18:00", "Tu-Su,PH 09:30-16:30; Mo off; PH 09:30-16:30",
         "Apr-Oct 08:00-18:00; Nov-Mar 09:00-16:00", "Mo-Fr 09:00-12:00,14:00-17:00"]
levels = ["", "", "", "showcase banner", "showcase league", "showcase autonomous-region", "showcase national"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["id", "name_zh", "name_en", "kind", "themes", "league", "designations", "visit_minutes", "opening_hours", "lon", "lat", "precision"])
for i in range(n):
    w.writerow([f"gen-{i:05d}", f"候选地{i}", f"Candidate site {i}", rng.choice(kinds), rng.choice(["heritage", "red-education", "ethnic-unity;heritage", "ecology"]),
                "Hohhot", rng.choice(levels), rng.choice([30, 45, 60, 90]), rng.choice(hours),
                f"{rng.uniform(109.6, 112.4):.6f}", f"{rng.uniform(39.6, 41.3):.6f}", "synthetic (~100 m)"])
