#!/usr/bin/env python3
"""Builds a one-day VROOM problem from shipped sites (JSON from `showcase sites list --format json`
on stdin), or prints a solved day (`--show SOLUTION PROBLEM`). Used by scripts/demo.sh.

Assumptions, stated because the data has none: start and end at the Hohhot GeoNames point
(a hotel in the centre), day 08:30-17:30, sites open 09:00-17:00 unless the shipped opening_hours
gives a plain daily "HH:MM-HH:MM", a 60-minute lunch between 12:00 and 13:30, visit times from the
data (source or per-kind default). Priority: 3, +5 for a showcase designation, +2 if the seed
article names the site. Travel: `showcase solve` takes it from the database's car road graph."""
import json, re, sys

def hm(s): return int(s[:2]) * 3600 + int(s[3:5]) * 60

if len(sys.argv) > 1 and sys.argv[1] == "--show":
    solution, problem = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    names = {j["id"]: j["description"] for j in problem["jobs"]}
    for route in solution["routes"]:
        for step in route["steps"]:
            start = step["arrival"] + step.get("waiting_time", 0)
            t = f"{start // 3600:02d}:{start % 3600 // 60:02d}"
            what = {"start": "leave the hotel (Hohhot centre)", "end": "back at the hotel",
                    "break": f"lunch ({step['service'] // 60} min)"}.get(step["type"])
            if what is None: what = f"{names[step['id']]} ({step['service'] // 60} min)"
            print(f"  {t}  {what}")
    s = solution["summary"]
    print(f"  {len(problem['jobs']) - s['unassigned']} of {len(problem['jobs'])} candidate sites, "
          f"{s['duration'] // 60} min of travel, score {s['priority']}")
    sys.exit(0)

sites = [s for s in json.load(sys.stdin) if s["visitable"] == "yes"]
jobs = []
for i, s in enumerate(sites, 1):
    window = [hm("09:00"), hm("17:00")]
    oh = s.get("opening_hours") or ""
    if re.fullmatch(r"\d\d:\d\d-\d\d:\d\d", oh): window = [hm(oh[:5]), hm(oh[6:])]
    priority = 3 + (5 if s["designation_level"] not in (None, "none") else 0) + (2 if s["seed_mention"] else 0)
    jobs.append({"id": i, "location": [s["lon"], s["lat"]], "service": (s["visit_minutes"] or 60) * 60,
                 "time_windows": [window], "priority": priority, "description": f"{s['name_zh']} {s['name_en'] or ''}".strip()})
hotel = [111.65222, 40.81056]
json.dump({"vehicles": [{"id": 1, "start": hotel, "end": hotel, "time_window": [hm("08:30"), hm("17:30")],
                         "breaks": [{"id": 1, "time_windows": [[hm("12:00"), hm("13:30")]], "service": 3600}]}],
           "jobs": jobs}, sys.stdout, ensure_ascii=False)
