#!/usr/bin/env python3
"""Reference vectors for GCJ-02 / BD-09, computed with the PyPI package prcoords (1.0.2, CC0).

Run once to regenerate datum_vectors.csv: pip install prcoords==1.0.2 && python3 make_datum_vectors.py
Points: 300 seeded random points across Inner Mongolia (lon 97.2-126.1, lat 37.4-53.4) plus
named places. Forward columns are prcoords' closed-form forward (wgs_gcj, wgs_bd). The inverses
column gcj_inv is prcoords' gcj_wgs_bored (residual <= 6e-8 deg here). prcoords' bd_wgs_bored
stops early (round-trip residual up to 1.6e-7 deg in Inner Mongolia) and coord-convert's bd2wgs
uses the 0.2 m closed-form BD-09 -> GCJ-02 shortcut, so neither is a 1e-7 deg reference: column
bd_inv is prcoords' own forward wgs_bd inverted here by fixed-point iteration to 1e-13 deg.
"""
import csv, random, sys
import prcoords

rng = random.Random(20261129)
points = [(111.65222, 40.81056, "Hohhot"), (109.83198, 40.64142, "Baotou Kundulun"),
          (119.76584, 49.21163, "Hailar"), (118.88894, 42.26833, "Chifeng"),
          (101.0653, 41.9570, "Ejina"), (116.404, 39.915, "Beijing (coordtransform test point)")]
points += [(rng.uniform(97.2, 126.1), rng.uniform(37.4, 53.4), f"random{i}") for i in range(300)]

def invert(forward, target):
    """Solve forward(w) = target by w <- w - (forward(w) - target)."""
    w = target
    for _ in range(50):
        f = forward(w)
        d_lat, d_lon = f.lat - target.lat, f.lon - target.lon
        w = prcoords.Coords(w.lat - d_lat, w.lon - d_lon)
        if abs(d_lat) < 1e-13 and abs(d_lon) < 1e-13:
            break
    return w


w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["lon", "lat", "gcj_lon", "gcj_lat", "bd_lon", "bd_lat", "gcj_inv_lon", "gcj_inv_lat", "bd_inv_lon", "bd_inv_lat", "label"])
for lon, lat, label in points:
    c = prcoords.Coords(lat, lon)
    g = prcoords.wgs_gcj(c)
    b = prcoords.wgs_bd(c)
    gi = prcoords.gcj_wgs_bored(c)   # treat the same numbers as a GCJ-02 input
    bi = invert(prcoords.wgs_bd, c)  # ... and as a BD-09 input
    w.writerow([repr(lon), repr(lat), repr(g.lon), repr(g.lat), repr(b.lon), repr(b.lat),
                repr(gi.lon), repr(gi.lat), repr(bi.lon), repr(bi.lat), label])
