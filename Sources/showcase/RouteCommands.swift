import ArgumentParser
import Foundation
import Service

/// Options every routing command shares.
struct RoutingOptions: ParsableArguments {
    @Option(help: "Travel profile: car, coach or walk (the graph must be in the database; see `roads info`).")
    var profile = "car"
}

extension RouteResult.Format: ExpressibleByArgument {}
extension MatrixResult.Format: ExpressibleByArgument {}

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "The fastest road route between places, with distance, duration and geometry.",
        discussion: """
            FROM, TO and --via are `lon,lat`, a site id, or a site name (the best search match). \
            Points off the road join it at the nearest road edge; that last mile counts as a \
            straight line × the profile's detour factor at its last-mile speed. Among equally \
            fast routes the shortest is reported. Over HTTP: GET /route?from=&to=&via=&profile=&algorithm=&f=.

            Examples:
              showcase route inner-mongolia-museum 109.84,40.65
              showcase route 呼和浩特 包头 --profile coach --format geojson > leg.geojson
              showcase route Hohhot Ordos --via Baotou --format json
              showcase route 24.9384,60.1699 24.9500,60.1750 --algorithm dijkstra --format json
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Argument(help: "Where to start.") var from: String
    @Argument(help: "Where to go.") var to: String
    @Option(help: "A stop on the way (repeatable, in order).") var via: [String] = []
    @Option(help: "dijkstra, astar or ch (all give the same answer; ch is fastest).") var algorithm = "ch"
    @Option(help: "text, json or geojson.") var format: RouteResult.Format = .text

    func run() throws {
        let request = RouteRequest(from: from, to: to, via: via, profile: routing.profile, algorithm: algorithm)
        print(try store.open().route(request).render(format), terminator: "")
    }
}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Travel times and distances between every pair of places (like OSRM's table service).",
        discussion: """
            JSON: {"profile": …, "places": [...], "durations": [[s, ...]], "distances": [[m, ...]]}, \
            row = from, column = to, null where no route exists. CSV: one line per pair (from, to, \
            duration_s, distance_m). At most 5,000 places (500 over HTTP: POST /matrix).
            --points FILE: a JSON array of [lon, lat], or CSV lines lon,lat.

            Examples:
              showcase matrix --sites im-hhht-dazhao-temple,im-bt-meidaizhao,im-ordos-genghis-mausoleum
              showcase matrix --points stops.csv --profile coach --format csv
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Option(help: "Comma-separated site ids.") var sites: String?
    @Option(help: "A file of points (JSON [[lon,lat],...] or CSV lon,lat).") var points: String?
    @Option(help: "json or csv.") var format: MatrixResult.Format = .json

    func run() throws {
        guard (sites == nil) != (points == nil) else { throw ValidationError("give either --sites or --points") }
        let places: MatrixRequest.Places
        if let sites {
            places = .sites(sites.split(separator: ",").map(String.init))
        } else {
            let (name, text) = try TextInput.read(points, limit: Limits.commandLine.textBytes)
            places = .points(try MatrixRequest.points(text: text, source: name))
        }
        print(
            try store.open().matrix(MatrixRequest(places: places, profile: routing.profile)).render(format),
            terminator: "")
    }
}

struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Everything reachable within M minutes: areas and the sites inside, as GeoJSON.",
        discussion: """
            Each area follows the roads: every road reached in time, and the part of the last \
            road the time covers, widened by --buffer-m either side (sea, fields without roads and \
            one-way dead ends stay out); by default the widening is 1/50 of how far the roads \
            reach, from 25 m to 2 km, so a city block stays out of a short drive and the land \
            between close roads stays in a long one. Give several limits for bands, as Valhalla and \
            GraphHopper do: --minutes 30,60,90 gives three MultiPolygons, largest first. The \
            sites listed are those whose own travel time, last mile included, is within the \
            largest limit, nearest first, each with duration_s, distance_m and band_minutes (the \
            smallest band it is in). Over HTTP: GET /reach?from=&minutes=30,60,90&profile=&buffer_m=.

            Example:
              showcase reach im-hhht-inner-mongolia-museum --minutes 30,60,90 > bands.geojson
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Argument(help: "Where to start: lon,lat, a site id or a site name.") var from: String
    @Option(help: "Travel time limits in minutes, comma-separated (e.g. 30,60,90).") var minutes: String
    @Option(
        help:
            "How far the area reaches either side of a reached road, in metres (default: 1/50 of the reach, 25 m to 2 km)."
    ) var bufferM: Double?

    func run() throws {
        let limits = try ReachRequest.parseMinutes(minutes)
        let result = try store.open().reach(
            ReachRequest(from: from, minutes: limits, profile: routing.profile, bufferMeters: bufferM))
        for band in result.bands {
            let n = result.sites.filter { $0.cost.seconds <= band.minutes * 60 }.count
            note(
                String(
                    format: "%d sites within %g min by %@ from %@ (area %.1f km²)", n, band.minutes, routing.profile,
                    result.from.label, band.areaKm2))
        }
        print(try result.render(), terminator: "")
    }
}
