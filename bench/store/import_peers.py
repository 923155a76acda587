#!/usr/bin/env python3
"""Import peers for the same CSV, timed the same way (wall clock, fresh file each):
gdal   ogr2ogr CSV -> GeoPackage with its R-tree (GDAL's own bulk path; no text index),
sqlite the sqlite3 shell: .import, then one transaction building the same content as ours
       from SQL: site rows with GeoPackage point blobs, the R-tree, and an FTS5 trigram index
       over names (no pinyin column: SQL cannot make it). A floor for what SQLite itself costs.
Prints one line per peer: name, seconds."""
import os, subprocess, sys, tempfile, time
csv_path = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="store-peers-")

def timed(args, **kw):
    s = time.perf_counter(); subprocess.run(args, check=True, capture_output=True, **kw); return time.perf_counter() - s

gpkg = os.path.join(work, "gdal.gpkg")
t = timed(["ogr2ogr", "-f", "GPKG", gpkg, csv_path, "-nln", "sites", "-a_srs", "EPSG:4326",
           "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"])
print(f"gdal\t{t:.3f}")

db = os.path.join(work, "sqlite.db")
script = f"""
PRAGMA journal_mode = WAL; PRAGMA cache_size = -131072;
CREATE TABLE raw (id TEXT, name_zh TEXT, name_en TEXT, kind TEXT, themes TEXT, league TEXT, visit_minutes INTEGER, lon REAL, lat REAL, precision TEXT);
CREATE TABLE sites (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, id TEXT NOT NULL UNIQUE, name_zh TEXT, name_en TEXT,
  kind TEXT, themes TEXT, league TEXT, visit_minutes INTEGER, precision TEXT);
CREATE VIRTUAL TABLE rtree_sites_geom USING rtree(id, minx, maxx, miny, maxy);
CREATE VIRTUAL TABLE site_search USING fts5(id UNINDEXED, names, tokenize = 'trigram');
.import --csv --skip 1 {csv_path} raw
BEGIN;
INSERT INTO site_search (site_search, rank) VALUES ('hashsize', 67108864);
INSERT INTO sites (geom, id, name_zh, name_en, kind, themes, league, visit_minutes, precision)
  SELECT x'47500001E6100000' || x'0101000000' || unhex_point, id, name_zh, name_en, kind, themes, league, visit_minutes, precision FROM raw;
INSERT INTO rtree_sites_geom SELECT rowid, lon, lon, lat, lat FROM raw;  -- raw's rowids are the sites' fids (both fresh, same order)
INSERT INTO site_search (rowid, id, names) SELECT fid, id, name_zh || ' | ' || name_en FROM sites;
COMMIT;
"""
# SQLite 3.40 has no function that writes a double's bytes: the blob's WKB coordinates are
# left as 16 zero bytes (same length as ours), which does not change the work measured.
script = script.replace("unhex_point", "zeroblob(16)")
s = time.perf_counter()
subprocess.run(["sqlite3", db], input=script.encode(), check=True, capture_output=True)
print(f"sqlite\t{time.perf_counter() - s:.3f}")
