#!/usr/bin/env python3
"""Reference for `roads export`: a plain Dijkstra (duration, then length) over the exported
directed edges, written independently of the Swift code, plus a haversine check of every
edge's length against its own geometry.

stdin: {"export": PATH, "sources": [node ids], "targets": [node ids]}
Searches over the exported vertices (from_vertex/to_vertex), so turn restrictions hold: a source
starts at its OSM node's first vertex (no turn made yet), a target is reached at any of its vertices.
stdout: {"edges": N, "worst_length_error_m": x, "costs": [[[s, m] | null]]}
"""
import heapq, json, math, sys

req = json.load(sys.stdin)
fc = json.load(open(req["export"]))
adj, worst, vertices = {}, 0.0, {}
for f in fc["features"]:
    p = f["properties"]
    (lon1, lat1), (lon2, lat2) = f["geometry"]["coordinates"][0], f["geometry"]["coordinates"][-1]
    r = math.radians
    h = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    worst = max(worst, abs(2 * 6371008.8 * math.asin(min(1, math.sqrt(h))) - p["length_m"]))
    adj.setdefault(p["from_vertex"], []).append((p["to_vertex"], p["duration_s"], p["length_m"]))
    vertices.setdefault(p["from"], set()).add(p["from_vertex"])
    vertices.setdefault(p["to"], set()).add(p["to_vertex"])
def cheaper(c, o):
    return o is None or c[0] < o[0] - 1e-6 or (abs(c[0] - o[0]) <= 1e-6 and c[1] < o[1])
costs = []
for osm_source in req["sources"]:
    s = min(vertices[osm_source])
    best, heap, done = {s: (0.0, 0.0)}, [(0.0, 0.0, s)], set()
    while heap:
        d, l, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        for v, dd, ll in adj.get(u, ()):
            c = (d + dd, l + ll)
            o = best.get(v)
            if cheaper(c, o):
                best[v] = c
                heapq.heappush(heap, (c[0], c[1], v))
    row = []
    for t in req["targets"]:
        found = None
        for v in vertices.get(t, ()):
            if v in best and cheaper(best[v], found):
                found = best[v]
        row.append(list(found) if found else None)
    costs.append(row)
json.dump({"edges": len(fc["features"]), "worst_length_error_m": worst, "costs": costs}, sys.stdout)
