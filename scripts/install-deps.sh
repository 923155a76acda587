#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing (idempotent).
# Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
need=(libproj-dev proj-data libsqlite3-dev zlib1g-dev pkg-config)
case "${1:-build}" in
  test)  need+=(proj-bin gdal-bin python3-gdal sqlite3 osmium-tool python3 python3-pip curl libjs-leaflet chromium) ;;   # cs2cs, GDAL, osmium are test references
  bench) need+=(proj-bin python3-pip python3-pyproj python3-numpy bc) ;;
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
# Python references for the tests (PyPI): opening-hours-py checks our opening_hours evaluation, gpxpy our
# GPX, openapi-spec-validator and schemathesis our OpenAPI document.
if [ "${1:-build}" = test ] && ! python3 -c "import opening_hours, gpxpy, openapi_spec_validator, schemathesis" 2>/dev/null; then
  echo "installing opening-hours-py, gpxpy, openapi-spec-validator, schemathesis (PyPI)" >&2
  python3 -m pip install -q opening-hours-py gpxpy openapi-spec-validator schemathesis 2>/dev/null || python3 -m pip install -q --break-system-packages opening-hours-py gpxpy openapi-spec-validator schemathesis >&2
fi
# Swift: /opt/swift on the project's machines; otherwise whatever swift is on PATH.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  echo "export PATH=/opt/swift/usr/bin:\$PATH" >&2
fi
