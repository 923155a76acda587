#!/usr/bin/env python3
"""Writes a generated road-like network as OSM XML (convert to PBF with osmium-tool).

Usage: python3 make_network.py SIZE SEED > net.osm   (SIZE = junctions per side)

A jittered grid of junctions about 500 m apart (near Hohhot), each street between junctions
drawn through 0–8 shape points, 15 % of streets missing; every 10th row/column is a primary
road with a maxspeed, every 50th a motorway (one-way carriageways both ways), a few residential
streets are one-way. SIZE 358 gives about 10^6 nodes and 2.4·10^6 directed car edges, the
scale the routing issue asks for. Same SIZE and SEED, same bytes.
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
    for refs, hw, maxspeed in ways:
        if hw == "motorway":   # two carriageways: forward along the nodes, and back on the same nodes
            pieces = [(refs, "yes"), (refs[::-1], "yes")]
        else:
            pieces = [(refs, "yes" if hw == "residential" and rng.random() < 0.1 else None)]
        for r, oneway in pieces:
            w('<way id="%d" version="1">\n' % way_id)
            way_id += 1
            w("".join('<nd ref="%d"/>' % x for x in r))
            w('\n<tag k="highway" v="%s"/>\n' % hw)
            if maxspeed:
                w('<tag k="maxspeed" v="%s"/>\n' % maxspeed)
            if oneway:
                w('<tag k="oneway" v="%s"/>\n' % oneway)
            w("</way>\n")
    w("</osm>\n")

main()
