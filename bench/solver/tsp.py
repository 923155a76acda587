#!/usr/bin/env python3
"""TSPLIB benchmark: showcase, pyvroom, OR-Tools, fast-tsp and LKH (elkai) on the same matrices.

Usage: tsp.py KIT_DIR SHOWCASE_BIN [--time 2] [--solvers ours,vroom,ortools,fasttsp,lkh] [--only a,b]
KIT_DIR is ../shared/bench/tsp (instances, optima.csv, to_vroom.py). Each instance is converted
once with to_vroom.py (TSPLIB's rounded EUC_2D distances as the duration matrix); every solver
gets the same matrix and the same wall-clock budget: ours as a process (`showcase solve`,
time measured around the process, so JSON loading counts; the search gets the budget minus
0.25 s), pyvroom (exploration 5, 2 threads, timeout), OR-Tools (guided local search, time
limit), fast-tsp (2 threads, duration). LKH (elkai, 1 run) has no time limit: its seconds are
reported as they come. Every tour is re-measured here from the matrix.
"""
import argparse, csv, datetime, json, os, subprocess, sys, time

def tour_length(m, order):
    return sum(m[order[i]][order[(i + 1) % len(order)]] for i in range(len(order)))

def check_tour(m, order):
    if sorted(order) != list(range(len(m))): raise ValueError("not a tour of every city")
    return tour_length(m, order)

def from_vroom(solution):
    steps = solution["routes"][0]["steps"]
    return [0] + [s["location_index"] for s in steps if s["type"] == "job"]

def run_ours(binary, path, seconds):
    start = time.perf_counter()
    out = subprocess.run([binary, "solve", path, "--time-limit", str(max(0.1, seconds - 0.25))], capture_output=True, text=True, check=True)
    return from_vroom(json.loads(out.stdout)), time.perf_counter() - start

def run_vroom(path, seconds):
    import vroom
    start = time.perf_counter()
    sol = vroom.Input.from_json(path).solve(exploration_level=5, nb_threads=2, timeout=datetime.timedelta(seconds=seconds))
    return from_vroom(sol.to_dict()), time.perf_counter() - start

def run_ortools(m, seconds):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    start = time.perf_counter()
    manager = pywrapcp.RoutingIndexManager(len(m), 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    cb = routing.RegisterTransitCallback(lambda i, k: m[manager.IndexToNode(i)][manager.IndexToNode(k)])
    routing.SetArcCostEvaluatorOfAllVehicles(cb)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int((seconds - (time.perf_counter() - start)) * 1000))
    sol = routing.SolveWithParameters(params)
    if sol is None: return None, time.perf_counter() - start
    order, i = [], routing.Start(0)
    while not routing.IsEnd(i):
        order.append(manager.IndexToNode(i)); i = sol.Value(routing.NextVar(i))
    return order, time.perf_counter() - start

def run_fasttsp(m, seconds):
    import fast_tsp
    start = time.perf_counter()
    order = fast_tsp.find_tour(m, duration_seconds=seconds, max_threads=2)
    return list(order), time.perf_counter() - start

def run_lkh(m, seconds):
    import elkai
    start = time.perf_counter()
    order = elkai.DistanceMatrix(m).solve_tsp(runs=1)
    return order[:-1], time.perf_counter() - start

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kit"); ap.add_argument("binary")
    ap.add_argument("--time", type=float, default=2.0)
    ap.add_argument("--solvers", default="ours,vroom,ortools,fasttsp,lkh")
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default="bench/out/tsp")
    args = ap.parse_args()
    solvers = args.solvers.split(",")
    os.makedirs(args.out, exist_ok=True)
    rows = list(csv.DictReader(open(os.path.join(args.kit, "optima.csv"))))
    if args.only: rows = [r for r in rows if r["name"] in args.only.split(",")]
    results = {s: [] for s in solvers}  # (cities, gap %, seconds) per solved instance
    print(f"{'instance':<10} {'n':>5} {'optimum':>8}  " + "  ".join(f"{s:>20}" for s in solvers))
    for r in rows:
        name, opt = r["name"], int(r["optimum"])
        path = os.path.join(args.out, name + ".json")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(args.kit, "to_vroom.py"), os.path.join(args.kit, r["instance_file"]), "-o", path], check=True, capture_output=True)
        m = json.load(open(path))["matrices"]["car"]["durations"]
        cells = []
        for s in solvers:
            try:
                if s == "ours": order, t = run_ours(args.binary, path, args.time)
                elif s == "vroom": order, t = run_vroom(path, args.time)
                elif s == "ortools": order, t = run_ortools(m, args.time)
                elif s == "fasttsp": order, t = run_fasttsp(m, args.time)
                elif s == "lkh": order, t = run_lkh(m, args.time)
                if order is None: raise ValueError("no tour")
                length = check_tour(m, order)
                gap = (length - opt) / opt * 100
                results[s].append((int(r["dimension"]), gap, t))
                cells.append(f"{length:>8} {gap:5.2f}% {t:4.1f}s")
            except Exception as e:
                cells.append(f"{'failed: ' + str(e)[:12]:>20}")
        print(f"{name:<10} {r['dimension']:>5} {opt:>8}  " + "  ".join(cells), flush=True)
    # "Up to 1,000 cities" (the target) is read as up to pr1002, TSPLIB's 1,000-city instance.
    for s in solvers:
        if not results[s]: continue
        small = [g for n, g, _ in results[s] if n <= 1002]
        gaps = [g for _, g, _ in results[s]]; secs = [t for _, _, t in results[s]]
        print(f"{s:<8} ≤1,002 cities: mean gap {sum(small)/max(1,len(small)):5.2f}%  max {max(small, default=0):5.2f}%  |  "
              f"all {len(gaps)} solved: mean {sum(gaps)/len(gaps):5.2f}%  max {max(gaps):5.2f}%  mean {sum(secs)/len(secs):4.2f} s  max {max(secs):4.2f} s")

if __name__ == "__main__":
    main()
