#!/usr/bin/env python3
"""Authoring tool (not run by the product): builds GeoData/towns.csv from the GeoNames extract.

Usage: python3 build_towns.py PLACES.csv SITES.csv CORRIDORS.csv > ../towns.csv
PLACES.csv is shared/data/geonames/inner-mongolia-places.csv (GeoNames cities500, CC BY 4.0).
Every row and column is carried over unchanged (CRLF, as GeoNames extract is written) except `name_zh`, the alternate names with
Chinese characters, which the product shows first-name-first. GeoNames lists Japanese (kana)
and Korean (hangul) forms among them, sometimes first (Hohhot's first is フフホト市), and the
extract carries no "preferred name" flag. So, by rule:
  1. names with kana or hangul are dropped (they are not Chinese);
  2. the name that another of our sources uses for the same place comes first: the league or
     city names of sites.csv (`league_zh`, from Vonng/adcode division names) and the stop
     names of the corridor table; where several do, the one most of them use;
  3. otherwise GeoNames' order is kept.
Re-running it on the same inputs gives the same bytes.
"""
import collections
import csv
import re
import sys

FOREIGN = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def main(places_path, sites_path, corridors_path):
    votes = collections.Counter()
    with open(sites_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            votes[row["league_zh"]] += 1
    with open(corridors_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            votes[row["stop_zh"]] += 1
    with open(places_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    header = rows[0]
    zh = header.index("name_zh")
    out.writerow(header)
    for row in rows[1:]:
        names = [n for n in row[zh].split("|") if n and not FOREIGN.search(n)]
        # Stable sort: the most used by our other sources first, GeoNames' order among equals.
        names.sort(key=lambda n: -votes[n])
        row[zh] = "|".join(names)
        out.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: build_towns.py PLACES.csv SITES.csv CORRIDORS.csv > towns.csv")
    main(*sys.argv[1:])
