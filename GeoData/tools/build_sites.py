#!/usr/bin/env python3
"""Authoring tool (not run by the product): builds GeoData/sites.csv from the verified fact tables.

Usage: python3 build_sites.py SEED.csv MORE.csv > ../sites.csv
Inputs are the project's verified place tables (seed-places.csv, more-places.csv; see
GeoData/README.md for their sources). Coordinates, precision classes, sources and
verification notes are carried over unchanged. What this script adds is stated in CURATION
below and in GeoData/README.md: a fixed vocabulary for `kind`, theme tags, showcase
designations only where the facts column states one, OSM opening_hours only where the note
gives a plain rule, and per-kind default visit times marked as the project's assumption.
Re-running it on the same inputs gives the same bytes.
"""
import csv
import sys

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

# Showcase designations, only where the facts column states one: (title, level, year).
DESIGNATION = {
    "im-bt-alding-1-community": ("national ethnic-unity model community (10th batch, State Ethnic Affairs Commission)", "national", "2023"),
    "im-cf-linhuang-jiayuan": ("national ethnic-unity model community", "national", ""),
    "im-xlgl-national-children-hall": ("league-level ethnic-unity education base", "league", "2023"),
    "im-bt-wang-ruofei-memorial": ("national patriotic-education demonstration base", "national", "2017"),
    "im-hhht-monishan-ich-town": ("region-level ICH tourism experience base", "autonomous-region", "2023"),
    "im-hhht-qianjinxiang-community": ("ethnic-unity showcase point named in the seed article (level not stated)", "", ""),
    "im-alxa-dongfeng-youth-red-base": ("pilot demonstration project named in the seed article (level not stated)", "", ""),
}
REVIEW_CYCLE_YEARS = 3  # project assumption, see GeoData/README.md

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

COLUMNS = ["id", "name_zh", "name_en", "kind", "kind_detail", "themes", "league", "league_zh", "banner",
           "designation", "designation_level", "designation_year", "review_due_year", "status", "visitable",
           "highlight", "opening_hours", "opening_hours_note", "visit_minutes", "visit_minutes_source", "group_capacity",
           "lon", "lat", "precision", "coord_source", "location_note", "facts", "fact_sources", "verification",
           "seed_mention"]


def highlight(facts):
    first = facts.split(";")[0].strip().rstrip(".")
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "…"


def main(seed_path, more_path):
    out = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    out.writeheader()
    seen = set()
    for path in (seed_path, more_path):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            sid = r["id_suggestion"]
            assert sid not in seen, sid
            seen.add(sid)
            kind = kind_of(r["kind"])
            themes = list(dict.fromkeys(THEMES_BY_KIND[kind] + EXTRA_THEMES.get(sid, []) + (["ethnic-unity"] if r["seed_mention"] else [])))
            league_en, _, league_zh = r["league_city"].partition(" ")
            league_en = league_en.strip()
            title, level, year = DESIGNATION.get(sid, ("", "none", ""))
            review = str(int(year) + REVIEW_CYCLE_YEARS) if year else ""
            if r["visit_minutes_typical"]:
                minutes, minutes_source = r["visit_minutes_typical"], "source"
            else:
                minutes, minutes_source = str(DEFAULT_VISIT[kind]), "default for kind (project assumption)"
            out.writerow({
                "id": sid, "name_zh": r["name_zh"], "name_en": r["name_en"], "kind": kind, "kind_detail": r["kind"],
                "themes": ";".join(themes), "league": LEAGUE_EN[league_en.split()[0]], "league_zh": league_zh.strip(),
                "banner": r["banner_district"], "designation": title, "designation_level": level,
                "designation_year": year, "review_due_year": review, "status": "active",
                "visitable": VISITABLE.get(sid, "yes"), "highlight": highlight(r["facts"]),
                "opening_hours": OPENING_HOURS.get(sid, ""), "opening_hours_note": r["opening_hours_note"],
                "visit_minutes": minutes, "visit_minutes_source": minutes_source, "group_capacity": "",
                "lon": r["lon"], "lat": r["lat"], "precision": r["precision"], "coord_source": r["coord_source"],
                "location_note": r["location_note"], "facts": r["facts"], "fact_sources": r["fact_sources"],
                "verification": r["verification"], "seed_mention": r["seed_mention"],
            })


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
