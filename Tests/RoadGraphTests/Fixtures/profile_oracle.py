#!/usr/bin/env python3
"""Independent reference for the routing tests: docs/car-profile.md implemented again, in Python.

Reads an OSM XML file with the standard library's ElementTree (not the project's parser),
applies the car or walk rules, and answers shortest routes with its own lexicographic
Dijkstra (duration, then length). Nothing is shared with the Swift code but the spec.

stdin:  {"osm": PATH, "profile": "car"|"walk", "sources": [osm ids], "targets": [osm ids]}
stdout: {"nodes": N, "edges": E, "highway_ways": W, "costs": [[[seconds, metres] | null, ...], ...]}
"""
import heapq, json, math, re, sys
import xml.etree.ElementTree as ET

CAR = {"motorway": 100, "motorway_link": 60, "trunk": 80, "trunk_link": 50, "primary": 60, "primary_link": 40,
       "secondary": 50, "secondary_link": 40, "tertiary": 40, "tertiary_link": 30, "unclassified": 30,
       "residential": 30, "living_street": 10, "service": 20, "road": 30}
WALK = {"footway", "path", "pedestrian", "steps", "track", "living_street", "residential", "service", "unclassified",
        "road", "tertiary", "tertiary_link", "secondary", "secondary_link", "primary", "primary_link"}
DENY = {"no", "private", "agricultural", "forestry", "emergency"}
PART = re.compile(r"^([0-9]+(?:\.[0-9]+)?) *(km/h|kmh|kph|mph|knots)?$")

def norm(v):
    return v.strip().lower()

def maxspeed(raw):
    best = None
    for part in norm(raw).split(";"):
        m = PART.match(part.strip())
        if not m:
            continue
        value = float(m.group(1)) * {None: 1, "km/h": 1, "kmh": 1, "kph": 1, "mph": 1.609344, "knots": 1.852}[m.group(2)]
        if value > 0:
            best = value if best is None else min(best, value)
    return best

def use(tags, profile):
    """(speed km/h, forward, backward) or None."""
    hw = norm(tags["highway"]) if "highway" in tags else None
    if hw is None:
        return None
    if profile == "car":
        if hw not in CAR:
            return None
        keys = ["motorcar", "motor_vehicle", "vehicle", "access"]
    else:
        ok = hw in WALK or (hw == "cycleway" and norm(tags.get("foot", "")) in {"yes", "designated", "permissive"} and "foot" in tags)
        if not ok:
            return None
        keys = ["foot", "access"]
    for k in keys:
        if k in tags:
            if norm(tags[k]) in DENY:
                return None
            break
    if profile == "walk":
        return 5.0, True, True
    speed = maxspeed(tags["maxspeed"]) if "maxspeed" in tags else None
    speed = speed if speed is not None else CAR[hw]
    ow = norm(tags["oneway"]) if "oneway" in tags else None
    if ow in ("yes", "1", "true"):
        return speed, True, False
    if ow in ("-1", "reverse"):
        return speed, False, True
    if ow in ("no", "0", "false"):
        return speed, True, True
    junction = norm(tags.get("junction", ""))
    implied = hw == "motorway" or junction in ("roundabout", "circular")
    return speed, True, not implied

def haversine(a, b):
    r = 6371008.8
    p1, p2 = math.radians(a[1]), math.radians(b[1])
    dl = math.radians(b[0] - a[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))

def main():
    req = json.load(sys.stdin)
    nodes, ways = {}, []
    for _, el in ET.iterparse(req["osm"], events=("end",)):
        if el.tag == "node":
            nodes[int(el.get("id"))] = (float(el.get("lon")), float(el.get("lat")))
            el.clear()
        elif el.tag == "way":
            tags = {t.get("k"): t.get("v") for t in el.findall("tag")}
            if "highway" in tags:
                ways.append(([int(n.get("ref")) for n in el.findall("nd")], tags))
            el.clear()
    adj, used, edges = {}, set(), 0
    for refs, tags in ways:
        u = use(tags, req["profile"])
        if u is None:
            continue
        speed, fwd, bwd = u
        for a, b in zip(refs, refs[1:]):
            if a == b or a not in nodes or b not in nodes:
                continue
            length = haversine(nodes[a], nodes[b])
            dur = length * 3.6 / speed
            used.update((a, b))
            for x, y, ok in ((a, b, fwd), (b, a, bwd)):
                if ok:
                    adj.setdefault(x, []).append((y, dur, length))
                    edges += 1
    wanted = set(req["targets"])
    costs = []
    for s in req["sources"]:
        best = {s: (0.0, 0.0)}
        heap = [(0.0, 0.0, s)]
        done = set()
        while heap:
            d, l, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            for v, dd, ll in adj.get(u, ()):
                cand = (d + dd, l + ll)
                old = best.get(v)
                # Duration first; within 1 µs, the shorter wins (docs/car-profile.md §6).
                if old is None or cand[0] < old[0] - 1e-6 or (abs(cand[0] - old[0]) <= 1e-6 and cand[1] < old[1]):
                    best[v] = cand
                    heapq.heappush(heap, (cand[0], cand[1], v))
        costs.append([list(best[t]) if t in best else None for t in req["targets"]])
    json.dump({"nodes": len(used), "edges": edges, "highway_ways": len(ways), "costs": costs}, sys.stdout)

main()
