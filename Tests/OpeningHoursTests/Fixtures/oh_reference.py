#!/usr/bin/env python3
"""Reference answers from opening-hours-py (PyPI `opening-hours-py`, the Rust `opening-hours`
crate), with no country, so `PH` never matches (the Swift side uses no calendar either).

stdin: {"strings": [...], "instants": ["2026-03-02T10:15", ...]}
stdout: [[true|false, ...] per string]  (open at each instant)
"""
import json, sys
from datetime import datetime
import opening_hours

req = json.load(sys.stdin)
instants = [datetime.fromisoformat(t) for t in req["instants"]]
out = []
for s in req["strings"]:
    oh = opening_hours.OpeningHours(s)
    out.append([oh.is_open(t) for t in instants])
json.dump(out, sys.stdout)
