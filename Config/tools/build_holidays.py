#!/usr/bin/env python3
"""Authoring tool (not run by the product): writes Config/holidays-cn.json, mainland China's
public-holiday calendar, from the PyPI package chinese-calendar (LKI/chinese-calendar), which
transcribes the State Council's yearly holiday notices (国务院办公厅关于部分节假日安排的通知).

Usage: python3 build_holidays.py 2024 2026 > ../holidays-cn.json

`days_off`: every day of an official holiday period (weekends inside the period included), each
named; `working_days`: the weekend days the notice makes working days (调休). opening_hours' `PH`
matches `days_off`.
"""
import json
import sys
from datetime import date, timedelta

import chinese_calendar as cc
from chinese_calendar.constants import holidays, workdays

NAMES = {
    "New Year's Day": "元旦 New Year's Day", "Spring Festival": "春节 Spring Festival",
    "Tomb-sweeping Day": "清明节 Qingming", "Labour Day": "劳动节 Labour Day",
    "Dragon Boat Festival": "端午节 Dragon Boat Festival", "National Day": "国庆节 National Day",
    "Mid-autumn Festival": "中秋节 Mid-Autumn Festival",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日 Victory Day (2015)",
}

def main():
    first, last = int(sys.argv[1]), int(sys.argv[2])
    def name(h):
        return NAMES.get(h, str(h))
    days_off = {d.isoformat(): name(h) for d, h in sorted(holidays.items()) if first <= d.year <= last}
    working = {d.isoformat(): name(h) for d, h in sorted(workdays.items()) if first <= d.year <= last and d.weekday() >= 5}
    out = {
        "source": "State Council holiday notices as transcribed by chinese-calendar %s (PyPI, MIT licence)" % cc.__version__,
        "source_zh": "国务院办公厅节假日安排通知，据 chinese-calendar %s 整理（PyPI，MIT 许可）" % cc.__version__,
        "years": [first, last],
        "days_off": days_off,
        "working_days": working,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=False)
    sys.stdout.write("\n")

main()
