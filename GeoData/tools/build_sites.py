#!/usr/bin/env python3
"""Authoring tool (not run by the product): builds GeoData/sites.csv from the verified fact tables.

Usage: python3 build_sites.py SHARED_DATA_DIR > ../sites.csv
   (e.g. python3 GeoData/tools/build_sites.py ../shared/data > GeoData/sites.csv)
Inputs are the project's verified place tables (sites/seed-places.csv, sites/more-places.csv; see
GeoData/README.md for their sources), the heritage lists (GeoData/sources/heritage/, verbatim
copies of shared/data/heritage/, merged by heritage.py),
GeoData/sources/adcode-inner-mongolia.csv (county seats) and GeoData/towns.csv (GeoNames). Coordinates, precision classes, sources and
verification notes are carried over unchanged. What this script adds is stated in CURATION
below and in GeoData/README.md: a fixed vocabulary for `kind`, theme tags, showcase
designations only where the facts column states one, OSM opening_hours only where the note
gives a plain rule, and per-kind default visit times marked as the project's assumption.
Re-running it on the same inputs gives the same bytes.
"""
import csv
import os
import sys

import heritage

# kind_detail (as in the fact tables) -> kind (our vocabulary)
KIND = {
    "community": "community", "museum": "museum", "street": "street", "heritage town": "heritage-town",
    "education base": "education-base", "historic place": "historic-site", "industrial heritage": "industrial-heritage",
    "space": "space-site", "village": "village", "memorial": "memorial", "art troupe": "art-troupe",
    "forest": "nature-park", "institution": "institution", "temple": "temple", "pagoda": "temple", "mosque": "temple",
    "monastery": "temple", "tomb": "memorial", "historic government": "museum", "red heritage": "memorial",
    "mausoleum": "memorial", "desert": "scenic-area", "lake": "scenic-area", "hydraulic": "industrial-heritage",
    "archaeological": "archaeological-site", "nature park": "nature-park", "grassland": "scenic-area",
    "geopark": "geopark", "landing site": "space-site", "world heritage": "archaeological-site",
    "border": "landmark", "palace": "museum", "war heritage": "memorial", "wetland": "nature-park",
    "cave": "archaeological-site", "ethnic township": "village",
}

def kind_of(detail):
    d = detail.lower()
    for key in sorted(KIND, key=len, reverse=True):
        if d.startswith(key) or f"{key} " in d or d.startswith(key.split()[0] + " /"):
            return KIND[key]
    for key in sorted(KIND, key=len, reverse=True):
        if key in d:
            return KIND[key]
    raise SystemExit(f"no kind for '{detail}': extend KIND")

# Themes by kind, plus per-site additions from the facts column.
THEMES_BY_KIND = {
    "community": ["ethnic-unity"], "museum": ["heritage"], "street": ["heritage"], "heritage-town": ["heritage", "intangible-heritage"],
    "education-base": ["red-education"], "historic-site": ["red-education"], "industrial-heritage": ["heritage", "industry"],
    "space-site": ["science", "red-education"], "village": ["rural-revitalisation"], "memorial": ["red-education"],
    "art-troupe": ["ethnic-unity", "performing-arts"], "nature-park": ["ecology"], "institution": [], "temple": ["heritage"],
    "scenic-area": ["ecology"], "archaeological-site": ["heritage"], "geopark": ["ecology", "science"], "landmark": ["heritage"],
}
EXTRA_THEMES = {
    "im-hhht-natural-history-museum": ["science"], "im-hhht-ulanhu-memorial": ["ethnic-unity"],
    "im-xlgl-national-children-hall": ["ethnic-unity"], "im-ulcb-ulanhua-nursery-history": ["ethnic-unity"],
    "im-hhht-party-school": ["ethnic-unity"], "im-bt-baogang-heritage": ["red-education"],
    "im-ordos-genghis-mausoleum": ["heritage"], "im-hlbr-aoluguya": ["ethnic-unity", "heritage"],
    "im-hlbr-shiwei": ["ethnic-unity"], "im-alxa-dongfeng-landing-site": ["ethnic-unity"],
    "im-alxa-dongfeng-youth-red-base": ["ethnic-unity"], "im-hinggan-may1-site": ["ethnic-unity"],
    "im-hhht-inner-mongolia-museum": ["ethnic-unity"], "im-bt-baotou-gold-street": ["intangible-heritage"],
    "im-hlbr-manzhouli-gate": ["red-education"], "im-xlgl-erenhot-port": [],
}

# Designations, only where the facts column states one: (title, scheme, level, year, batch).
# Schemes and levels are SiteStore's Designation vocabulary. National key relics, 5A areas and
# the 2022 intangible-heritage tourism projects come from the lists (heritage.py).
DESIGNATION = {
    "im-bt-alding-1-community": ("national ethnic-unity model community (10th batch, State Ethnic Affairs Commission)", "ethnic-unity-model", "national", "2023", "10"),
    "im-cf-linhuang-jiayuan": ("national ethnic-unity model community", "ethnic-unity-model", "national", "", ""),
    "im-xlgl-national-children-hall": ("league-level ethnic-unity education base", "showcase", "league", "2023", ""),
    "im-bt-wang-ruofei-memorial": ("national patriotic-education demonstration base", "patriotic-education-base", "national", "2017", ""),
    "im-hhht-monishan-ich-town": ("region-level ICH tourism experience base", "intangible-heritage-tourism", "autonomous-region", "2023", ""),
    "im-hhht-qianjinxiang-community": ("ethnic-unity showcase point named in the seed article (level not stated)", "showcase", "unstated", "", ""),
    "im-alxa-dongfeng-youth-red-base": ("pilot demonstration project named in the seed article (level not stated)", "showcase", "unstated", "", ""),
    "im-xlgl-xanadu": ("UNESCO World Heritage site (2012)", "world-heritage", "world", "2012", ""),
}
# Schemes whose units are re-verified; review due = year + 3. **Our assumption**: the article says
# designations are re-verified (dynamic management, exit) but gives no period.
REVIEWED = {"showcase", "ethnic-unity-model", "patriotic-education-base", "intangible-heritage-tourism"}
REVIEW_CYCLE_YEARS = 3

# OSM opening_hours where the note gives a plain rule (source: the row's opening_hours_note).
# Months a source does not cover are `unknown`, never left out: in OSM syntax a month no rule
# names is closed, and the planner would drop the site as "closed" (reviewed for every row:
# only Xilitu Zhao's source is seasonal).
OPENING_HOURS = {
    "im-hhht-inner-mongolia-museum": "Tu-Su 09:00-17:00; Mo off",
    "im-hhht-natural-history-museum": "Tu-Su,PH 09:00-17:00; Mo off; PH 09:00-17:00",
    "im-hhht-xilitu-zhao": "Jun-Aug 08:00-18:00; Dec-Feb 09:00-17:00; Mar-May unknown; Sep-Nov unknown",
    "im-hhht-five-pagoda-temple": "09:00-17:00",
    "im-hhht-great-mosque": "08:30-18:00",
    "im-hhht-white-pagoda": "08:30-17:30",
    "im-bt-wudangzhao": "08:30-16:30",
    "im-ordos-xiangshawan": "08:30-18:00",
    "im-xlgl-beizi-temple": "08:00-18:00",
}

# Per-kind visit times when no source gives one (the data README's suggestion, our assumption).
DEFAULT_VISIT = {
    "museum": 90, "temple": 60, "memorial": 45, "community": 45, "street": 120, "village": 120, "heritage-town": 120,
    "nature-park": 180, "scenic-area": 180, "geopark": 180, "archaeological-site": 90, "education-base": 60,
    "historic-site": 30, "industrial-heritage": 90, "space-site": 120, "art-troupe": 60, "landmark": 30, "institution": 0,
}

# Who can visit: no = not a visitor site; restricted = organised groups only.
VISITABLE = {
    "im-hhht-party-school": "no", "im-ulcb-ulanhua-nursery-history": "no",
    "im-alxa-dongfeng-youth-red-base": "restricted", "im-alxa-jslc": "restricted", "im-alxa-dongfeng-landing-site": "restricted",
}

LEAGUE_EN = {"Hohhot": "Hohhot", "Baotou": "Baotou", "Wuhai": "Wuhai", "Chifeng": "Chifeng", "Tongliao": "Tongliao",
             "Ordos": "Ordos", "Hulunbuir": "Hulunbuir", "Bayannur": "Bayannur", "Ulanqab": "Ulanqab",
             "Hinggan": "Hinggan", "Xilingol": "Xilingol", "Alxa": "Alxa"}

COLUMNS = ["id", "name_zh", "name_en", "kind", "kind_detail", "themes", "league", "league_zh", "banner", "period",
           "designation", "designations", "status", "visitable",
           "highlight", "opening_hours", "opening_hours_note", "visit_minutes", "visit_minutes_source", "group_capacity",
           "lon", "lat", "precision", "coord_source", "location_note", "facts", "fact_sources", "verification",
           "seed_mention", "aliases"]


def highlight(facts):
    first = facts.split(";")[0].strip().rstrip(".")
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "…"


def designations(sid):
    if sid not in DESIGNATION:
        return "", ""
    title, scheme, level, year, batch = DESIGNATION[sid]
    entry = " ".join([scheme, level] + ([year] if year else []) + ([f"batch={batch}"] if batch else []))
    if scheme in REVIEWED and year:
        entry += f" review={int(year) + REVIEW_CYCLE_YEARS}"
    return title, entry


def main(shared):
    rows = []
    seen = set()
    for path in (f"{shared}/sites/seed-places.csv", f"{shared}/sites/more-places.csv"):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            sid = r["id_suggestion"]
            assert sid not in seen, sid
            seen.add(sid)
            kind = kind_of(r["kind"])
            themes = list(dict.fromkeys(THEMES_BY_KIND[kind] + EXTRA_THEMES.get(sid, []) + (["ethnic-unity"] if r["seed_mention"] else [])))
            league_en, _, league_zh = r["league_city"].partition(" ")
            league_en = league_en.strip()
            title, entry = designations(sid)
            if r["visit_minutes_typical"]:
                minutes, minutes_source = r["visit_minutes_typical"], "source"
            else:
                minutes, minutes_source = str(DEFAULT_VISIT[kind]), "default for kind (project assumption)"
            rows.append({
                "id": sid, "name_zh": r["name_zh"], "name_en": r["name_en"], "kind": kind, "kind_detail": r["kind"],
                "themes": ";".join(themes), "league": LEAGUE_EN[league_en.split()[0]], "league_zh": league_zh.strip(),
                "banner": r["banner_district"], "period": "", "designation": title, "designations": entry, "status": "active",
                "visitable": VISITABLE.get(sid, "yes"), "highlight": highlight(r["facts"]),
                "opening_hours": OPENING_HOURS.get(sid, ""), "opening_hours_note": r["opening_hours_note"],
                "visit_minutes": minutes, "visit_minutes_source": minutes_source, "group_capacity": "",
                "lon": r["lon"], "lat": r["lat"], "precision": r["precision"], "coord_source": r["coord_source"],
                "location_note": r["location_note"], "facts": r["facts"], "fact_sources": r["fact_sources"],
                "verification": r["verification"], "seed_mention": r["seed_mention"], "aliases": "",
            })


    here = os.path.dirname(os.path.abspath(__file__))
    unplaced = heritage.merge(rows, os.path.join(here, "../sources/heritage"), os.path.join(here, "../sources/adcode-inner-mongolia.csv"),
                              os.path.join(here, "../towns.csv"), DEFAULT_VISIT, THEMES_BY_KIND)
    for what in unplaced:
        print(f"not placed: {what}", file=sys.stderr)
    out = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    out.writeheader()
    out.writerows(rows)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_sites.py SHARED_DATA_DIR > sites.csv")
    main(sys.argv[1])
