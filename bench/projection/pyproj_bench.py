#!/usr/bin/env python3
"""pyproj's Transformer.transform on numpy arrays, same points and pairs as the Swift runner.

GCJ02 has no PROJ definition, so for that pair pyproj is given the WGS 84 leg only
(EPSG:4326 -> EPSG:4547): the GCJ-02 inverse is extra work only our side does.
"""
import sys, time
import numpy as np
import pyproj

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
i = np.arange(n)
x0 = 108.0 + 6.0 * (i % 1000) / 1000.0
y0 = 37.5 + 15.0 * (i // 1000 % 1000) / 1000.0
pairs = [("EPSG:4326", "EPSG:4546"), ("EPSG:4326", "EPSG:3857"), ("EPSG:4326", "EPSG:32649"), ("GCJ02", "EPSG:4547")]
for src, dst in pairs:
    t = pyproj.Transformer.from_crs("EPSG:4326" if src == "GCJ02" else src, dst, always_xy=True)
    t.transform(x0, y0)  # warm-up
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        t.transform(x0, y0)
        best = min(best, time.perf_counter() - start)
    print(f"{src}->{dst}\tpyproj\t{int(n / best)}")
