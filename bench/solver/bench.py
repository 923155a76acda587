#!/usr/bin/env python3
"""OPTW/TOPTW benchmark: showcase, pyvroom and OR-Tools on the same VROOM-format files.

Usage: bench.py KIT_DIR SHOWCASE_BIN [--time 1] [--sets solomon,cordeau] [--solvers ours,vroom,ortools]
KIT_DIR is the OPTW kit (../shared/bench/optw): instances, bks.csv and to_vroom.py. Every
instance with a best-known score is converted with `to_vroom.py --travel bench` (the benchmark's
own truncated travel times, in hundredths), so scores compare directly with the BKS. Each
solver gets the same time budget; every answer is re-checked here by simulate(), which shares
no code with any solver.
"""
import argparse, csv, datetime, json, os, subprocess, sys, time

def load_problem(path):
    with open(path) as f:
        p = json.load(f)
    m = p["matrices"]["car"]["durations"]
    jobs = {j["id"]: j for j in p["jobs"]}
    return p, m, jobs

def simulate(problem, routes):
    """routes: list of (vehicle index, [job ids]). Returns (score, travel) or raises on infeasibility."""
    p, m, jobs = problem
    seen, score, travel = set(), 0, 0
    for v, ids in routes:
        veh = p["vehicles"][v]
        t = veh.get("time_window", [0, 10**12])[0]
        loc = veh.get("start_index")
        for jid in ids:
            if jid in seen: raise ValueError(f"job {jid} twice")
            seen.add(jid)
            j = jobs[jid]
            leg = m[loc][j["location_index"]] if loc is not None else 0
            travel += leg; t += leg
            w = next((w for w in j.get("time_windows", [[0, 10**12]]) if w[1] >= t), None)
            if w is None: raise ValueError(f"job {jid} late")
            t = max(t, w[0]) + j.get("service", 0)
            loc = j["location_index"]; score += j.get("priority", 0)
        if veh.get("end_index") is not None and loc is not None:
            leg = m[loc][veh["end_index"]]; travel += leg; t += leg
        if t > veh.get("time_window", [0, 10**12])[1]: raise ValueError(f"vehicle {veh['id']} back late")
    return score, travel

def routes_from_vroom(solution, problem):
    index = {v["id"]: i for i, v in enumerate(problem[0]["vehicles"])}
    return [(index[r["vehicle"]], [s.get("job", s.get("id")) for s in r["steps"] if s["type"] == "job"]) for r in solution["routes"]]

def run_ours(binary, path, seconds):
    start = time.perf_counter()
    out = subprocess.run([binary, "solve", path, "--time-limit", str(seconds)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout), time.perf_counter() - start

def run_vroom(path, seconds):
    import vroom
    start = time.perf_counter()
    sol = vroom.Input.from_json(path).solve(exploration_level=5, nb_threads=2, timeout=datetime.timedelta(seconds=seconds))
    elapsed = time.perf_counter() - start
    return sol.to_dict(), elapsed

def run_ortools(problem, seconds):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    p, m, jobs = problem
    job_list = p["jobs"]
    nodes = [None] + job_list  # node 0 = depot (all vehicles share start/end 0 in this kit)
    n = len(nodes)
    V = len(p["vehicles"])
    depot = p["vehicles"][0]["start_index"]
    manager = pywrapcp.RoutingIndexManager(n, V, 0)
    routing = pywrapcp.RoutingModel(manager)
    def loc(node): return depot if node == 0 else nodes[node]["location_index"]
    def transit(i, k):
        a, b = manager.IndexToNode(i), manager.IndexToNode(k)
        service = 0 if a == 0 else nodes[a].get("service", 0)
        return m[loc(a)][loc(b)] + service
    cb = routing.RegisterTransitCallback(transit)
    routing.SetArcCostEvaluatorOfAllVehicles(cb)
    horizon = p["vehicles"][0]["time_window"][1]
    routing.AddDimension(cb, horizon, horizon, False, "Time")
    dim = routing.GetDimensionOrDie("Time")
    for node in range(1, n):
        w = nodes[node].get("time_windows", [[0, horizon]])[0]
        dim.CumulVar(manager.NodeToIndex(node)).SetRange(w[0], min(w[1], horizon))
        routing.AddDisjunction([manager.NodeToIndex(node)], nodes[node].get("priority", 0) * 100000)
    for v in range(V):
        dim.CumulVar(routing.Start(v)).SetRange(0, horizon); dim.CumulVar(routing.End(v)).SetRange(0, horizon)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    start = time.perf_counter()
    sol = routing.SolveWithParameters(params)
    elapsed = time.perf_counter() - start
    routes = []
    if sol:
        for v in range(V):
            i = routing.Start(v); ids = []
            while not routing.IsEnd(i):
                node = manager.IndexToNode(i)
                if node != 0: ids.append(nodes[node]["id"])
                i = sol.Value(routing.NextVar(i))
            routes.append((v, ids))
    return routes, elapsed

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kit"); ap.add_argument("binary")
    ap.add_argument("--time", type=float, default=1.0)
    ap.add_argument("--sets", default="solomon,cordeau")
    ap.add_argument("--solvers", default="ours,vroom,ortools")
    ap.add_argument("--out", default="bench/out/optw")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    solvers = a.solvers.split(",")
    rows = list(csv.DictReader(open(os.path.join(a.kit, "bks.csv"))))
    results = {s: [] for s in solvers}
    print(f"{'instance':10} {'m':>2} {'bks':>5} " + " ".join(f"{s + ' score':>13} {'gap%':>6} {'s':>5}" for s in solvers), flush=True)
    for r in rows:
        name, m, bks = r["instance"], int(r["m"]), int(r["bks"])
        family = "cordeau" if name.startswith("pr") else "solomon"
        if family not in a.sets.split(",") or (a.only and name not in a.only.split(",")): continue
        path = os.path.join(a.out, f"{name}-m{m}.json")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(a.kit, "to_vroom.py"), os.path.join(a.kit, "instances", family, name + ".txt"),
                            "--m", str(m), "--travel", "bench", "-o", path], check=True, capture_output=True)
        problem = load_problem(path)
        line = f"{name:10} {m:>2} {bks:>5} "
        for s in solvers:
            try:
                if s == "ours":
                    sol, secs = run_ours(a.binary, path, a.time); routes = routes_from_vroom(sol, problem)
                elif s == "vroom":
                    sol, secs = run_vroom(path, a.time); routes = routes_from_vroom(sol, problem)
                else:
                    routes, secs = run_ortools(problem, a.time)
                score, _ = simulate(problem, routes)
                gap = 100 * (bks - score) / bks
                results[s].append((family, m, gap, secs, True))
                line += f"{score:>13} {gap:>6.2f} {secs:>5.2f} "
            except Exception as e:
                results[s].append((family, m, 100.0, 0.0, False))
                line += f"{'FAIL':>13} {'':>6} {'':>5} "
                print(f"  {s} on {name}-m{m}: {e}", file=sys.stderr)
        print(line, flush=True)
    print()
    for s in solvers:
        for family, label in (("solomon", "Solomon m=1"), ("cordeau", "Cordeau m=1-4")):
            rs = [x for x in results[s] if x[0] == family]
            if not rs: continue
            bad = sum(1 for x in rs if not x[4])
            print(f"{s:8} {label:14} n={len(rs):3}  mean gap {sum(x[2] for x in rs) / len(rs):6.2f}%  max {max(x[2] for x in rs):6.2f}%  "
                  f"mean {sum(x[3] for x in rs) / len(rs):5.2f} s  infeasible/failed {bad}")

if __name__ == "__main__":
    main()
