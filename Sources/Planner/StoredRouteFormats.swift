import Foundation
import GeoCore
import SiteStore

/// Stored routes and tours as GeoJSON, GPX 1.1 (a `rte` per route, its stops as points) or KML.
public enum StoredRouteFormats {
    public static func render(_ routes: [RouteRecord], sites: [String: Site], format: PlanFormat) -> String {
        switch format {
        case .gpx: return gpx(routes, sites)
        case .kml: return kml(routes, sites)
        default: return GeoJSON.text(.featureCollection(FeatureCollection(features: routes.map(feature)))) + "\n"
        }
    }

    public static func feature(_ r: RouteRecord) -> Feature {
        Feature(
            geometry: .lineString(r.line),
            properties: [
                "id": .string(r.id), "name_zh": r.nameZh.map(JSONValue.string) ?? .null,
                "name_en": r.nameEn.map(JSONValue.string) ?? .null,
                "kind": .string(r.kind), "audience": r.audience.map(JSONValue.string) ?? .null,
                "days": .number(Double(r.days)),
                "start": .string(r.start), "stop_count": .number(Double(r.stops.count)),
                "stops": .string(r.stops.map(\.site).joined(separator: ";")),
                // Each day's stops as an itinerary's `visits`, so a client can evaluate the route on a date.
                "visits": .array(
                    (1...max(1, r.days)).map { d in
                        .array(
                            r.stops.filter { $0.day == d }.map { s in
                                .object([
                                    "site": .string(s.site),
                                    "stay_minutes": s.stayMinutes.map { .number(Double($0)) } ?? .null
                                ])
                            })
                    }),
                "notes": r.notes.map(JSONValue.string) ?? .null, "example": .bool(r.example),
                "source": .string(r.source)
            ])
    }

    static func title(_ r: RouteRecord) -> String { [r.nameZh, r.nameEn].compactMap { $0 }.joined(separator: " / ") }

    static func gpx(_ routes: [RouteRecord], _ sites: [String: Site]) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Showcase Route Planner\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
        for r in routes {
            out +=
                "  <rte><name>\(TripItinerary.xml(title(r)))</name><desc>\(TripItinerary.xml("\(r.kind), \(r.days) day(s)\(r.example ? ", example" : "")"))</desc>\n"
            for s in r.stops {
                guard let site = sites[s.site] else { continue }
                out +=
                    "    <rtept lat=\"\(TripItinerary.coord(site.coordinate.latitude))\" lon=\"\(TripItinerary.coord(site.coordinate.longitude))\"><name>\(TripItinerary.xml(site.nameZh ?? site.id))</name><desc>\(TripItinerary.xml("day \(s.day)\(s.stayMinutes.map { ", \($0) min" } ?? "")"))</desc></rtept>\n"
            }
            out += "  </rte>\n"
        }
        return out + "</gpx>\n"
    }

    static func kml(_ routes: [RouteRecord], _ sites: [String: Site]) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
        for r in routes {
            out += "  <Folder><name>\(TripItinerary.xml(title(r)))</name>\n"
            for s in r.stops {
                guard let site = sites[s.site] else { continue }
                out +=
                    "    <Placemark><name>\(TripItinerary.xml(site.nameZh ?? site.id))</name><description>\(TripItinerary.xml("day \(s.day)"))</description><Point><coordinates>\(TripItinerary.coord(site.coordinate.longitude)),\(TripItinerary.coord(site.coordinate.latitude))</coordinates></Point></Placemark>\n"
            }
            out +=
                "    <Placemark><name>\(TripItinerary.xml(r.id))</name><LineString><coordinates>\(r.line.map { "\(TripItinerary.coord($0.longitude)),\(TripItinerary.coord($0.latitude))" }.joined(separator: " "))</coordinates></LineString></Placemark>\n"
            out += "  </Folder>\n"
        }
        return out + "</Document>\n</kml>\n"
    }
}
