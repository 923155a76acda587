#!/usr/bin/env python3
"""Writes a generated road-like network as OSM XML (convert to PBF with osmium-tool).

Usage: python3 make_network.py SIZE SEED > net.osm   (SIZE = junctions per side)

A jittered grid of junctions about 500 m apart (near Hohhot), each street between junctions
drawn through 0–8 shape points, 15 % of streets missing; every 10th row/column is a primary
road with a maxspeed, every 50th a motorway (one-way carriageways both ways), a few residential
streets are one-way. SIZE 358 gives about 10^6 nodes and 2.4·10^6 directed car edges, the
scale the routing issue asks for; SIZE 800 about 5·10^6 (the Inner Mongolia extract's size).
Turn restrictions at 1 % of the junctions off motorways (drawn from their own random stream, so
nodes and ways are the bytes they were): 70 % no_left_turn from the row to the column, 30 %
only_straight_on along the row. Same SIZE and SEED, same bytes.
"""
import random
import sys

def main():
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    lon0, lat0, step = 111.0, 40.0, 0.005
    out = sys.stdout
    w = out.write
    w("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"make_network.py\">\n")
    next_id = [1]
    nodes = []

    def node(lon, lat):
        i = next_id[0]
        next_id[0] += 1
        nodes.append((i, lon, lat))
        return i

    junction = {}
    for r in range(n):
        for c in range(n):
            junction[r, c] = node(lon0 + c * step + rng.uniform(-0.0012, 0.0012), lat0 + r * step * 0.77 + rng.uniform(-0.0009, 0.0009))
    ways = []

    def road_class(index):
        if index % 50 == 0:
            return "motorway", None
        if index % 10 == 0:
            return "primary", rng.choice(["60", "70", "80"])
        return rng.choice(["residential", "residential", "tertiary", "unclassified", "secondary"]), None

    for horizontal in (True, False):
        for line in range(n):
            hw, maxspeed = road_class(line)
            refs = [junction[line, 0] if horizontal else junction[0, line]]
            for k in range(1, n):
                a = junction[line, k - 1] if horizontal else junction[k - 1, line]
                b = junction[line, k] if horizontal else junction[k, line]
                if hw != "motorway" and rng.random() < 0.15:   # a missing street: end the way here
                    if len(refs) > 1:
                        ways.append((refs, hw, maxspeed))
                    refs = [b]
                    continue
                (_, alon, alat), (_, blon, blat) = nodes[a - 1], nodes[b - 1]
                for s in range(rng.randint(0, 8)):
                    t = (s + 1) / 10
                    refs.append(node(alon + t * (blon - alon) + rng.uniform(-3e-4, 3e-4), alat + t * (blat - alat) + rng.uniform(-3e-4, 3e-4)))
                refs.append(b)
            if len(refs) > 1:
                ways.append((refs, hw, maxspeed))
    for i, lon, lat in nodes:
        w('<node id="%d" version="1" lat="%.7f" lon="%.7f"/>\n' % (i, lat, lon))
    way_id = 1
    junction_ids = set(junction.values())
    ways_at = {}   # junction node -> [(way id, horizontal)] for the ways through it
    for refs, hw, maxspeed in ways:
        if hw == "motorway":   # two carriageways: forward along the nodes, and back on the same nodes
            pieces = [(refs, "yes"), (refs[::-1], "yes")]
        else:
            pieces = [(refs, "yes" if hw == "residential" and rng.random() < 0.1 else None)]
        for r, oneway in pieces:
            if hw != "motorway":
                horizontal = nodes[r[0] - 1][2] == nodes[r[-1] - 1][2] or abs(nodes[r[0] - 1][2] - nodes[r[-1] - 1][2]) < abs(nodes[r[0] - 1][1] - nodes[r[-1] - 1][1])
                for x in r:
                    if x in junction_ids:
                        ways_at.setdefault(x, []).append((way_id, horizontal))
            w('<way id="%d" version="1">\n' % way_id)
            way_id += 1
            w("".join('<nd ref="%d"/>' % x for x in r))
            w('\n<tag k="highway" v="%s"/>\n' % hw)
            if maxspeed:
                w('<tag k="maxspeed" v="%s"/>\n' % maxspeed)
            if oneway:
                w('<tag k="oneway" v="%s"/>\n' % oneway)
            w("</way>\n")
    turns = random.Random(seed + 7919)
    relation_id = 1
    for x in sorted(ways_at):
        if turns.random() >= 0.01:
            continue
        rows = [i for i, h in ways_at[x] if h]
        cols = [i for i, h in ways_at[x] if not h]
        if not rows or not cols:
            continue
        kind = "no_left_turn" if turns.random() < 0.7 else "only_straight_on"
        to = cols[0] if kind == "no_left_turn" else rows[0]
        w('<relation id="%d" version="1"><member type="way" ref="%d" role="from"/><member type="node" ref="%d" role="via"/>'
          '<member type="way" ref="%d" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="%s"/></relation>\n'
          % (relation_id, rows[0], x, to, kind))
        relation_id += 1
    w("</osm>\n")

main()
