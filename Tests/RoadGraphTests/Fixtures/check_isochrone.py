#!/usr/bin/env python3
"""Checks isochrone bands with GEOS (shapely), independently of the Swift code.

stdin: {"bands": [{"geometry": GeoJSON MultiPolygon, "points": [[lon, lat], ...]}]}
  points: the road nodes an independent search reached within the band's limit.
stdout: {"bands": [{"valid": reason, "within_100m": fraction of points, "area_m2": a,
                    "hull_m2": convex hull of the points}], "nested": bool}
Areas and distances in a local equirectangular projection (metres), enough for a city.
"""
import json, math, sys
from shapely import is_valid_reason
from shapely.geometry import MultiPoint, Point, shape
from shapely.ops import transform

req = json.load(sys.stdin)
first = req["bands"][0]["points"][0]
lon0, lat0 = first
kx, ky = 6371008.8 * math.cos(math.radians(lat0)) * math.pi / 180, 6371008.8 * math.pi / 180
local = lambda x, y, z=None: ((x - lon0) * kx, (y - lat0) * ky)
out, shapes = [], []
for band in req["bands"]:
    geom = transform(local, shape(band["geometry"]))
    shapes.append(geom)
    pts = [Point(local(*p)) for p in band["points"]]
    near = sum(1 for p in pts if geom.distance(p) <= 100) / max(1, len(pts))
    hull = MultiPoint(pts).convex_hull.area if len(pts) >= 3 else 0
    out.append({"valid": is_valid_reason(geom), "within_100m": near, "area_m2": geom.area, "hull_m2": hull})
nested = all(shapes[i].buffer(1e-6).contains(shapes[i - 1]) for i in range(1, len(shapes)))
json.dump({"bands": out, "nested": nested}, sys.stdout)
