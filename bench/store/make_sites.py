#!/usr/bin/env python3
"""Generates N synthetic sites (CSV, the GeoData/sites.csv columns) across Inner Mongolia.
Deterministic: same N, same file. Names mix Chinese and pinyin so search indexing does real work."""
import csv, random, sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(42)
syll = "内蒙古呼和浩特包头赤峰通辽鄂尔多斯锡林郭勒乌兰察布阿拉善兴安巴彦淖尔海拉尔博物馆纪念社区召寺草原"
kinds = ["museum", "community", "temple", "memorial", "village", "scenic-area", "education-base"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["id", "name_zh", "name_en", "kind", "themes", "league", "visit_minutes", "lon", "lat", "precision"])
for i in range(n):
    name = "".join(rng.choice(syll) for _ in range(rng.randint(3, 8)))
    w.writerow([f"gen-{i:06d}", name, f"Generated site {i}", rng.choice(kinds), "heritage;ethnic-unity", "Hohhot",
                rng.choice([45, 60, 90]), f"{rng.uniform(97.2, 126.1):.6f}", f"{rng.uniform(37.4, 53.4):.6f}", "synthetic"])
