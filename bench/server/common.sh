# Shared by bench/server/run.sh and soak.sh (sourced): wrk, a release build, a fresh database
# from the shipped data, and `showcase serve` on PORT in the background ($pid; `rss` in MB).
start_server() {   # start_server OUT_DIR PORT
    scripts/install-deps.sh build
    dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed" || { apt-get update -qq; apt-get install -y -qq wrk >&2; }
    swift build -c release --product showcase >&2
    mkdir -p "$1"; rm -f "$1"/db.gpkg*
    .build/release/showcase init --db "$1/db.gpkg" 2>/dev/null
    .build/release/showcase serve --db "$1/db.gpkg" --port "$2" 2> "$1/server.log" &
    pid=$!
    sleep 2
}
rss() { awk '/VmRSS/ {print $2/1024}' /proc/$pid/status; }
