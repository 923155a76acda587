#!/usr/bin/env python3
"""Runs the routing peers on the graph RoutingBench exported (edges.csv, pairs.csv,
matrix_nodes.txt in DIR) and prints their timings as JSON, checking their answers against ours.

Peers: scipy.sparse.csgraph.dijkstra (one-to-all per query; matrix = 100 one-to-all runs in one
call), python-igraph (distances one-to-one; matrix in one call), and pgRouting 3.4 in
PostgreSQL 15 on 127.0.0.1 (pgr_dijkstra per query, pgr_dijkstraCostMatrix once), all on the
same directed edges with duration as the cost. Parallel edges keep their cheapest cost.

Usage: peers.py DIR [--pg-queries N] [--no-pg]
"""
import csv, json, subprocess, sys, time
import numpy as np

d = sys.argv[1]
pg_queries = int(sys.argv[sys.argv.index("--pg-queries") + 1]) if "--pg-queries" in sys.argv else 10
use_pg = "--no-pg" not in sys.argv

src, dst, cost = [], [], []
with open(f"{d}/edges.csv") as f:
    next(f)
    for line in f:
        a, b, c, _ = line.split(",")
        src.append(int(a)); dst.append(int(b)); cost.append(float(c))
src, dst, cost = np.array(src), np.array(dst), np.array(cost)
n = int(max(src.max(), dst.max())) + 1
# cheapest of parallel edges
order = np.lexsort((cost, dst, src))
src, dst, cost = src[order], dst[order], cost[order]
keep = np.ones(len(src), bool)
keep[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
src, dst, cost = src[keep], dst[keep], cost[keep]
pairs = []
with open(f"{d}/pairs.csv") as f:
    for r in csv.DictReader(f):
        pairs.append((int(r["source"]), int(r["target"]), float(r["duration_s"]) if r["duration_s"] else None))
mnodes = [int(x) for x in open(f"{d}/matrix_nodes.txt").read().split()]
ours_matrix = [[float(x) if x else None for x in line.split(",")] for line in open(f"{d}/ours_matrix.csv").read().splitlines()]
out = {"nodes": n, "edges": int(len(src))}

def agree(a, b):
    return (a is None and (b is None or b == float("inf"))) or (a is not None and b is not None and abs(a - b) <= 1e-3 * max(1, a))

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * p))]

# scipy
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
t = time.perf_counter()
g = csr_matrix((cost + 1e-12, (src, dst)), shape=(n, n))   # +1e-12: csgraph treats explicit 0 as "no edge"
out["scipy_build_s"] = time.perf_counter() - t
times, bad = [], 0
for s, tt, ours in pairs[:20]:
    t = time.perf_counter()
    dist = dijkstra(g, directed=True, indices=s)
    times.append((time.perf_counter() - t) * 1000)
    bad += not agree(ours, dist[tt] if np.isfinite(dist[tt]) else None)
out.update(scipy_one_to_all_p50_ms=pct(times, .5), scipy_one_to_all_p99_ms=pct(times, .99), scipy_n=len(times), scipy_disagreements=bad)
t = time.perf_counter()
m = dijkstra(g, directed=True, indices=mnodes)[:, mnodes]
out["scipy_matrix_100x100_ms"] = (time.perf_counter() - t) * 1000
out["scipy_matrix_disagreements"] = sum(not agree(ours_matrix[i][j], m[i, j] if np.isfinite(m[i, j]) else None) for i in range(len(mnodes)) for j in range(len(mnodes)))
del g

# igraph
import igraph
t = time.perf_counter()
ig = igraph.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)
ig.es["w"] = cost.tolist()
out["igraph_build_s"] = time.perf_counter() - t
times, bad = [], 0
for s, tt, ours in pairs[:100]:
    t = time.perf_counter()
    r = ig.distances(source=[s], target=[tt], weights="w")[0][0]
    times.append((time.perf_counter() - t) * 1000)
    bad += not agree(ours, r if r != float("inf") else None)
out.update(igraph_p50_ms=pct(times, .5), igraph_p99_ms=pct(times, .99), igraph_n=len(times), igraph_disagreements=bad)
t = time.perf_counter()
m = ig.distances(source=mnodes, target=mnodes, weights="w")
out["igraph_matrix_100x100_ms"] = (time.perf_counter() - t) * 1000
del ig

# pgRouting
if use_pg:
    def psql(sql):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "routing", "-At", "-q", "-c", sql],
                              check=True, capture_output=True, text=True, env={"PGPASSWORD": "bench", "PATH": "/usr/bin:/bin"}).stdout
    t = time.perf_counter()
    psql("DROP TABLE IF EXISTS edges; CREATE TABLE edges (id bigserial PRIMARY KEY, source bigint, target bigint, cost float8)")
    with open(f"{d}/pg_edges.csv", "w") as f:
        for a, b, c in zip(src.tolist(), dst.tolist(), cost.tolist()):
            f.write(f"{a},{b},{c}\n")
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "routing", "-q", "-c",
                    f"\\copy edges (source, target, cost) FROM '{d}/pg_edges.csv' CSV"], check=True, env={"PGPASSWORD": "bench", "PATH": "/usr/bin:/bin"})
    out["pgrouting_load_s"] = time.perf_counter() - t
    times, bad = [], 0
    for s, tt, ours in pairs[:pg_queries]:
        sql = (f"SELECT extract(epoch FROM clock_timestamp()) ; SELECT coalesce(max(agg_cost), -1) FROM pgr_dijkstra("
               f"'SELECT id, source, target, cost FROM edges', {s}, {tt}, directed => true) ; SELECT extract(epoch FROM clock_timestamp())")
        a, r, b = psql(sql).split()
        times.append((float(b) - float(a)) * 1000)
        r = float(r)
        bad += not agree(ours, None if r < 0 and s != tt else max(r, 0.0))
    out.update(pgrouting_p50_ms=pct(times, .5), pgrouting_p99_ms=pct(times, .99), pgrouting_n=len(times), pgrouting_disagreements=bad)
    ids = ",".join(map(str, mnodes))
    a, cnt, b = psql(f"SELECT extract(epoch FROM clock_timestamp()) ; SELECT count(*) FROM pgr_dijkstraCostMatrix("
                     f"'SELECT id, source, target, cost FROM edges', ARRAY[{ids}], directed => true) ; SELECT extract(epoch FROM clock_timestamp())").split()
    out["pgrouting_matrix_100x100_ms"] = (float(b) - float(a)) * 1000
print(json.dumps(out, sort_keys=True))
