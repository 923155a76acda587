"""OWSLib's OGC API - Features Part 4 client against a running showcase server.

Usage: python3 part4_owslib.py BASE TOKEN
Creates, reads, replaces and deletes one site through owslib.ogcapi.features.Features and
prints what it saw as one JSON object (the Swift test asserts on it).
"""
import json
import sys

from owslib.ogcapi.features import Features

base, token = sys.argv[1], sys.argv[2]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/geo+json"}
api = Features(base, headers=headers)
feature = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [111.70, 40.82]},
    "properties": {"id": "owslib-site", "name_en": "OWSLib museum", "kind": "museum"},
}
seen = {"collections": [c["id"] for c in api.collections()["collections"]]}
seen["created"] = api.collection_item_create("sites", feature)
seen["location"] = api.response_headers.get("Location")
seen["read"] = api.collection_item("sites", "owslib-site")["properties"]["name_en"]
feature["properties"]["name_en"] = "OWSLib museum, replaced"
seen["replaced"] = api.collection_item_update("sites", "owslib-site", json.dumps(feature))
seen["read_again"] = api.collection_item("sites", "owslib-site")["properties"]["name_en"]
seen["deleted"] = api.collection_item_delete("sites", "owslib-site")
try:
    api.collection_item("sites", "owslib-site")
    seen["after_delete"] = "still there"
except RuntimeError as e:
    seen["after_delete"] = json.loads(str(e)).get("status")
print(json.dumps(seen))
