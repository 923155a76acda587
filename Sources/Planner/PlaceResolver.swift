import GeoCore
import SiteStore

/// Turns what a person types into a place: `lon,lat`, a site id, a town's exact name (English or
/// Chinese, the most populous if several), or the best site-name match, in that order.
public enum PlaceResolver {
    public static func resolve(_ text: String, in store: SiteStore) throws -> PlanPlace {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, let lon = Double(parts[0].trimmingCharacters(in: .whitespaces)),
            let lat = Double(parts[1].trimmingCharacters(in: .whitespaces))
        {
            let c: Coordinate
            do { c = try Coordinate(longitude: lon, latitude: lat) } catch {
                throw PlanError(.invalidRequest, "\(text): \(error)")
            }
            return PlanPlace(label: text, siteID: nil, longitude: c.longitude, latitude: c.latitude)
        }
        if let site = try store.site(id: text) {
            return PlanPlace(
                label: site.nameEn ?? site.nameZh ?? site.id, siteID: site.id, longitude: site.coordinate.longitude,
                latitude: site.coordinate.latitude, nameZh: site.nameZh)
        }
        let key = text.lowercased()
        let towns = try store.towns().filter { t in
            t.name.lowercased() == key
                || (t.nameZh ?? "").split(separator: "|").contains { $0 == text || $0 == text + "市" }
        }
        if let town = towns.max(by: { ($0.population ?? 0) < ($1.population ?? 0) }) {
            return PlanPlace(
                label: town.name == text ? town.name : "\(text) \(town.name)", siteID: nil,
                longitude: town.coordinate.longitude, latitude: town.coordinate.latitude, nameZh: town.chineseLabel)
        }
        // A town as plans label it, "呼和浩特 Hohhot" (Chinese name, then GeoNames' name).
        if let space = text.lastIndex(of: " ") {
            let zh = String(text[..<space]), en = String(text[text.index(after: space)...])
            let named = try store.towns().filter {
                $0.name == en && ($0.nameZh ?? "").split(separator: "|").contains { String($0) == zh }
            }
            if let town = named.max(by: { ($0.population ?? 0) < ($1.population ?? 0) }) {
                return PlanPlace(
                    label: text, longitude: town.coordinate.longitude, latitude: town.coordinate.latitude, nameZh: zh)
            }
        }
        guard let site = try store.search(text, limit: 1).first else {
            throw PlanError(
                .unknownPlace, "\"\(text)\" is not lon,lat, a site id, a town or a site name (search the sites for it)")
        }
        return PlanPlace(
            label: site.nameEn ?? site.nameZh ?? site.id, siteID: site.id, longitude: site.coordinate.longitude,
            latitude: site.coordinate.latitude, nameZh: site.nameZh)
    }
}

extension PlaceResolver {
    /// Places a planner may sleep in: GeoNames towns of at least `minPopulation`, largest
    /// first, then the registry's sites of kind `lodging` or `camp` (a yurt camp on the
    /// grassland is a night's stop the towns list does not know) whose point is their own, not
    /// their county's or league's (`CoordinatePrecision.isCoarse`).
    public static func hotelTowns(in store: SiteStore, minPopulation: Int = 100_000) throws -> [PlanPlace] {
        let towns = try store.towns().filter { ($0.population ?? 0) >= minPopulation }
            .sorted { ($0.population ?? 0) > ($1.population ?? 0) }
            .map {
                PlanPlace(
                    label: ($0.chineseLabel.map { "\($0) " } ?? "") + $0.name,
                    longitude: $0.coordinate.longitude, latitude: $0.coordinate.latitude, nameZh: $0.chineseLabel)
            }
        let lodgings = try ["lodging", "camp"].flatMap { try store.sites(SiteFilter(kind: $0)) }
            .filter { !CoordinatePrecision.isCoarse($0.precision) }
            .map {
                PlanPlace(
                    label: $0.displayName, siteID: $0.id, longitude: $0.coordinate.longitude,
                    latitude: $0.coordinate.latitude, nameZh: $0.nameZh)
            }
        return towns + lodgings
    }
}
