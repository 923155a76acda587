#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing (idempotent).
# Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
need=(libproj-dev proj-data libsqlite3-dev zlib1g-dev pkg-config)
case "${1:-build}" in
  # cs2cs, GDAL, osmium are test references; Chromium with its driver and Selenium drive the web app
  # (a small CJK font so its screenshots show Chinese).
  test)  need+=(proj-bin gdal-bin python3-gdal sqlite3 osmium-tool python3 python3-pip curl libjs-leaflet chromium chromium-driver
                python3-selenium fonts-wqy-microhei
                # PostgreSQL 15 + PostGIS 3: the server store's tests start their own cluster;
                # HAProxy balances the replica test's three servers.
                postgresql-15 postgresql-15-postgis-3 haproxy) ;;
  bench) need+=(proj-bin python3-pip python3-pyproj python3-numpy bc postgresql-15 postgresql-15-postgis-3 haproxy wrk) ;;
esac
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# Python references for the tests (PyPI), pinned so a new release cannot change what a test means:
# opening-hours-py checks our opening_hours evaluation, gpxpy our GPX, icalendar our .ics,
# openapi-spec-validator and schemathesis our OpenAPI document, shapely (GEOS) our isochrone polygons.
# OWSLib's OGC API – Features Part 4 client edits sites the way GIS tools do.
pins=(opening-hours-py==2.1.4 gpxpy==1.6.2 icalendar==7.3.2 openapi-spec-validator==0.9.0 schemathesis==4.32.5 shapely==2.0.6
      owslib==0.35.0)
if [ "${1:-build}" = test ]; then
  have=$(python3 -m pip freeze 2>/dev/null | tr 'A-Z_' 'a-z-')
  missing_pins=()
  for p in "${pins[@]}"; do grep -qxF "$p" <<<"$have" || missing_pins+=("$p"); done
  if [ ${#missing_pins[@]} -gt 0 ]; then
    echo "installing ${missing_pins[*]} (PyPI)" >&2
    python3 -m pip install -q "${missing_pins[@]}" 2>/dev/null || python3 -m pip install -q --break-system-packages "${missing_pins[@]}" >&2
  fi
fi
# axe-core for the browser tests' accessibility checks: axe-playwright-python bundles axe.min.js
# (axe-core 4.12.1, WCAG 2.2 rules). The tests drive Debian's Chromium through Debian's Selenium
# with /usr/bin/python3, so it goes where that Python finds it; --no-deps: only the script is
# used (injected through Selenium), not Playwright or its browsers.
axe_pin=axe-playwright-python==0.1.8
if [ "${1:-build}" = test ] && ! /usr/bin/python3 -m pip freeze 2>/dev/null | grep -qxF "$axe_pin"; then
  echo "installing $axe_pin (PyPI, for /usr/bin/python3)" >&2
  /usr/bin/python3 -m pip install -q --no-deps --break-system-packages "$axe_pin" >&2
fi
# Swift: /opt/swift on the project's machines; otherwise whatever swift is on PATH.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  echo "export PATH=/opt/swift/usr/bin:\$PATH" >&2
fi
