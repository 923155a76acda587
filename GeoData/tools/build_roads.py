#!/usr/bin/env python3
"""Authoring tool (not run by the product): builds GeoData/roads.geojson, the shipped trunk-road
network of Inner Mongolia, from the corridor table GeoData/sources/corridors.csv.

Usage: python3 build_roads.py ../sources/corridors.csv ../sites.csv ../towns.csv > ../roads.geojson

Each corridor (expressway or national road) becomes straight segments between the towns it
serves, in the table's order. Towns are joined where corridors share a town's coordinate.
The rules, all stated in GeoData/README.md:

* Corridors: the table's suggested default network (G6, G7, G18, G1817, G55, G5511, G65, G45,
  G16, open G1013, G110, G109, G210, G111, G301). Left out: G10 (planned in Inner Mongolia;
  G301 runs beside it), G2511 and G12 (status or stops not verified), G303 and G331 (routing not
  verified), G1013's planned stops, and G7's Jining stop (its alignment east of Hohhot differs
  from G6 and is not in the table).
* Stops without a coordinate are skipped. Stops the table marks not confirmed (`no`) are kept
  where they are the only link (e.g. G301 Zhalantun–Yakeshi–Hailar), and every segment carries
  `verified`: the weaker of its two stops (yes > partial > no).
* Length: a straight line between towns is shorter than the road. Every segment gets the same
  `length_factor` 1.2, the low-middle of the table's "typically ×1.1–1.4 on plains", not fitted
  to any distance; the published distances in the table are kept as `published_km` properties
  and are what the tests compare the network against.
* Class: expressway → highway=motorway, national road → highway=trunk; both two-way.
* Feeder links (`verified: modelled`): the corridors leave many sites 30–270 km from a trunk
  road. For each site farther than 25 km, the GeoNames town nearest to it (or the site itself
  when no town is within 25 km) is linked by a straight `highway=secondary` line to the nearest
  corridor town, with `length_factor` 1.3. No source says such a road exists or where it runs:
  these lines only make far sites routable with a stated, coarse model, and say so.

Re-running it on the same input gives the same bytes.
"""
import csv
import json
import math
import sys

CORRIDORS = ["G6", "G7", "G18", "G1817", "G55", "G5511", "G65", "G45", "G16", "G1013", "G110", "G109", "G210", "G111", "G301"]
NAMES = {
    "G6": "京藏高速 Beijing–Lhasa Expressway", "G7": "京新高速 Beijing–Ürümqi Expressway",
    "G18": "荣乌高速 Rongcheng–Wuhai Expressway", "G1817": "乌银高速 Wuhai–Yinchuan Expressway",
    "G55": "二广高速 Erenhot–Guangzhou Expressway", "G5511": "集阿高速 Jining–Arun Expressway",
    "G65": "包茂高速 Baotou–Maoming Expressway", "G45": "大广高速 Daqing–Guangzhou Expressway",
    "G16": "丹锡高速 Dandong–Xilinhot Expressway", "G1013": "海张高速 Hailar–Zhangjiakou Expressway",
    "G110": "110国道 China National Highway 110", "G109": "109国道 China National Highway 109",
    "G210": "210国道 China National Highway 210", "G111": "111国道 China National Highway 111",
    "G301": "301国道 China National Highway 301",
}
LENGTH_FACTOR = 1.2
RANK = {"yes": 2, "partial": 1, "no": 0}

def skip(row):
    if not row["lat"] or not row["lon"]:
        return "no coordinate"
    if row["corridor"] == "G1013" and "planned" in (row["published_km"] + row["note"]).lower():
        return "planned section"
    if row["corridor"] == "G7" and row["seq"] == "1":
        return "G7 east of Hohhot follows another alignment"
    return None

def haversine_km(a, b):
    r = 6371.0088
    p1, p2 = math.radians(a[1]), math.radians(b[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[0] - a[0]) / 2) ** 2
    return 2 * r * math.asin(min(1, math.sqrt(h)))

FEEDER_FACTOR = 1.3
FEEDER_FROM_KM = 25.0

def point_segment_km(p, a, b):
    """Distance from p to segment ab in a local equirectangular frame (km)."""
    k = math.cos(math.radians(p[1]))
    ax, ay = (a[0] - p[0]) * k * 111.32, (a[1] - p[1]) * 110.57
    bx, by = (b[0] - p[0]) * k * 111.32, (b[1] - p[1]) * 110.57
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    return math.hypot(ax + t * dx, ay + t * dy)

def feeders(features, sites, towns):
    segments = [f["geometry"]["coordinates"] for f in features]
    nodes = {}
    for f in features:
        for c, label in zip(f["geometry"]["coordinates"], (f["properties"]["from"], f["properties"]["to"])):
            nodes[tuple(c)] = label
    out, linked = [], set()
    for site in sites:
        p = [float(site["lon"]), float(site["lat"])]
        if min(point_segment_km(p, a, b) for a, b in segments) <= FEEDER_FROM_KM:
            continue
        town = min(towns, key=lambda t: haversine_km(p, [float(t["lon"]), float(t["lat"])]))
        tp = [float(town["lon"]), float(town["lat"])]
        if haversine_km(p, tp) <= FEEDER_FROM_KM:
            start, label = tp, (town["name_zh"].split("|")[0] + " " + town["name"]).strip() + " (GeoNames %s)" % town["geonameid"]
        else:
            start, label = p, "%s %s (site point)" % (site["name_zh"], site["name_en"])
        if tuple(start) in linked or tuple(start) in nodes:
            continue
        linked.add(tuple(start))
        end = min(nodes, key=lambda c: haversine_km(start, list(c)))
        out.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [start, list(end)]},
                    "properties": {"highway": "secondary", "oneway": "no", "ref": None, "name": "feeder link (modelled)",
                                   "from": label, "to": nodes[end], "straight_km": round(haversine_km(start, list(end)), 1),
                                   "length_factor": FEEDER_FACTOR, "verified": "modelled",
                                   "serves": site["id"]}})
    return out

def main():
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    sites = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
    towns = list(csv.DictReader(open(sys.argv[3], encoding="utf-8")))
    features = []
    for corridor in CORRIDORS:
        stops = [r for r in rows if r["corridor"] == corridor and skip(r) is None]
        stops.sort(key=lambda r: int(r["seq"]))
        for a, b in zip(stops, stops[1:]):
            pa = [float(a["lon"]), float(a["lat"])]
            pb = [float(b["lon"]), float(b["lat"])]
            verified = min(a["on_route_verified"] or "no", b["on_route_verified"] or "no", key=lambda v: RANK.get(v, 0))
            props = {
                "highway": "motorway" if a["road_class"] == "expressway" else "trunk",
                "oneway": "no",
                "ref": corridor,
                "name": NAMES[corridor],
                "from": a["stop_zh"] + " " + a["stop_en"],
                "to": b["stop_zh"] + " " + b["stop_en"],
                "straight_km": round(haversine_km(pa, pb), 1),
                "length_factor": LENGTH_FACTOR,
                "verified": verified,
            }
            try:  # a cumulative published distance on both ends gives the published length of this piece
                props["published_km"] = round(float(b["published_km"].split()[0]) - float(a["published_km"].split()[0]), 1)
            except (ValueError, IndexError):
                pass
            features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [pa, pb]}, "properties": props})
    features += feeders(features, sites, towns)
    out = {"type": "FeatureCollection",
           "name": "Inner Mongolia trunk roads (coarse)",
           "attribution": "Authored for Showcase Route Planner from GeoData/sources/corridors.csv; town points: GeoNames (CC BY 4.0) and Vonng/adcode (CC BY 4.0)",
           "features": features}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")

main()
