#!/usr/bin/env python3
"""Runs pyvroom on the VROOM problems PlanBench wrote (exactly what our solver got: same jobs,
days, lunch breaks and matrix) with the same time limit, on both cores, exploration level 5,
and prints VROOM's priority sum, jobs served and seconds per file.

Usage: vroom_peer.py SECONDS FILE...   (prints: file  priority  served  seconds)
"""
import datetime, sys, time
import vroom

seconds = float(sys.argv[1])
for path in sys.argv[2:]:
    t = time.perf_counter()
    sol = vroom.Input.from_json(path).solve(exploration_level=5, nb_threads=2, timeout=datetime.timedelta(seconds=seconds))
    elapsed = time.perf_counter() - t
    served = int(sol.routes["type"].eq("job").sum()) if len(sol.routes) else 0
    print(f"{path}\t{int(sol.summary.priority)}\t{served}\t{elapsed:.2f}")
