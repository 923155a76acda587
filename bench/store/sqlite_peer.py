#!/usr/bin/env python3
"""The same near/within queries as plain SQLite R-tree SQL (Python's sqlite3) on the same file.
near: R-tree box, then haversine in Python, then sort, as the project does. Prints p50/p99 ms."""
import math, sqlite3, sys, time
db, queries = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
R = 6371008.8
def hav(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * R * math.asin(min(1, math.sqrt(h)))
def point(blob):  # GeoPackage point without envelope: 8-byte header, 5-byte WKB header, x, y
    import struct
    return struct.unpack_from("<dd", blob, 13)
times = {"near": [], "within": []}; hits = {"near": 0, "within": 0}
SQL = "SELECT s.* FROM rtree_sites_geom r JOIN sites s ON s.fid = r.id WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?"
for line in open(queries):
    f = line.split("\t"); kind = f[0]; v = list(map(float, f[1:]))
    s = time.perf_counter()
    if kind == "near":
        lon, lat, r = v
        dlat = r / 111000 * 1.01; dlon = dlat / max(0.01, math.cos(math.radians(lat)))
        rows = con.execute(SQL, (lon + dlon, lon - dlon, lat + dlat, lat - dlat)).fetchall()
        out = sorted((d, row) for row in rows for d in [hav(lon, lat, *point(row[1]))] if d <= r)
    else:
        w, so, e, n = v
        out = con.execute(SQL, (e, w, n, so)).fetchall()
    times[kind].append(time.perf_counter() - s); hits[kind] += len(out)
for k in ("near", "within"):
    t = sorted(times[k]); print(f"{k}\t{t[len(t)//2]*1000:.3f}\t{t[int(len(t)*0.99)]*1000:.3f}\t{hits[k]}")
