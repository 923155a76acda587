import Foundation
import GeoCore
import SiteStore
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Given: a fresh database built from the shipped data.
private func shippedStore() throws -> SiteStore {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID()).gpkg").path
    let store = try SiteStore(path: path)
    _ = try ShippedData.locate(explicit: projectRoot.path).load(into: store)
    return store
}

@Suite struct ShippedDatasetTests {
    @Test func everySeedPlaceIsThereWithASourceAndAllTwelveLeaguesAreCovered() throws {
        let store = try shippedStore()
        let sites = try store.sites()
        #expect(sites.count >= 60)
        let seed = sites.filter { $0.seedMention != nil }
        #expect(seed.count >= 14) // rows of the seed table that the article names by text
        #expect(sites.allSatisfy { $0.coordSource != nil && $0.precision != nil && $0.factSources != nil })
        let leagues = Set(sites.compactMap(\.league))
        #expect(
            leagues == [
                "Hohhot", "Baotou", "Wuhai", "Chifeng", "Tongliao", "Ordos", "Hulunbuir", "Bayannur",
                "Ulanqab", "Hinggan", "Xilingol", "Alxa"
            ])
        #expect(try store.count(.towns) == 343)
    }

    /// GeoNames lists Japanese and Korean forms among a town's CJK names (Hohhot's first was
    /// フフホト市); `GeoData/tools/build_towns.py` drops them. No shipped Chinese name may hold
    /// kana or hangul, and a town's first name is the one our other sources use.
    @Test func noShippedChineseNameHoldsKanaOrHangul() throws {
        let store = try shippedStore()
        let kanaAndHangul: [ClosedRange<UInt32>] = [
            0x3040...0x30FF, 0x31F0...0x31FF, 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF
        ]
        let foreign = { (name: String) in
            name.unicodeScalars.contains { s in kanaAndHangul.contains { $0.contains(s.value) } }
        }
        let towns = try store.towns()
        #expect(towns.count == 343)
        for town in towns { #expect(!foreign(town.nameZh ?? ""), "\(town.name): \(town.nameZh ?? "")") }
        for site in try store.sites() { #expect(!foreign(site.nameZh ?? ""), "\(site.id)") }
        let first = { (name: String) in
            towns.first { $0.name == name }?.nameZh?.split(separator: "|").first.map(String.init)
        }
        #expect(first("Hohhot") == "呼和浩特市" && first("Ordos") == "鄂尔多斯市" && first("Xilinhot") == "锡林浩特")
    }

    @Test func theSeedTableIsCarriedOverRowForRow() throws {
        // Every row of GeoData/sites.csv is in the store with its coordinate unchanged.
        let store = try shippedStore()
        let text = try String(contentsOf: projectRoot.appendingPathComponent("GeoData/sites.csv"), encoding: .utf8)
        let table = try CSVTable(text: text)
        let idIndex = table.header.firstIndex(of: "id")!, lon = table.header.firstIndex(of: "lon")!,
            lat = table.header.firstIndex(of: "lat")!
        for record in table.records {
            let site = try #require(try store.site(id: record.fields[idIndex]))
            #expect(
                site.coordinate.longitude == Double(record.fields[lon])
                    && site.coordinate.latitude == Double(record.fields[lat]))
        }
    }
}

@Suite struct SpatialQueryTests {
    @Test func nearEqualsABruteForceScanNearestFirst() throws {
        let store = try shippedStore()
        let all = try store.sites()
        var rng = SeededGenerator()
        for _ in 0..<30 {
            let center = try Coordinate(
                longitude: .random(in: 100...124, using: &rng), latitude: .random(in: 38...51, using: &rng))
            let radius = Double.random(in: 5_000...400_000, using: &rng)
            let hits = try store.sites(near: center, radiusMeters: radius)
            let expected = all.filter { Distance.haversineMeters(center, $0.coordinate) <= radius }
            #expect(Set(hits.map(\.site.id)) == Set(expected.map(\.id)))
            #expect(hits.map(\.distanceMeters) == hits.map(\.distanceMeters).sorted())
        }
    }

    @Test func withinEqualsABruteForceScan() throws {
        let store = try shippedStore()
        let all = try store.sites()
        var rng = SeededGenerator()
        for _ in 0..<30 {
            let w = Double.random(in: 97...124, using: &rng), s = Double.random(in: 37...52, using: &rng)
            let box = try BoundingBox(
                west: w, south: s, east: w + .random(in: 0.1...8, using: &rng),
                north: s + .random(in: 0.1...5, using: &rng))
            #expect(
                try store.sites(within: box).map(\.id) == all.filter { box.contains($0.coordinate) }.map(\.id).sorted())
        }
    }

    @Test func searchFindsChineseSubstringsEnglishAndPinyin() throws {
        let store = try shippedStore()
        #expect(try store.search("大召").first?.id == "im-hhht-dazhao-temple") // 2 characters: LIKE path
        #expect(try store.search("博物馆").allSatisfy { ($0.nameZh ?? "").contains("博物馆") }) // trigram path
        #expect(try store.search("Five Pagoda").first?.id == "im-hhht-five-pagoda-temple")
        #expect(try store.search("wutasi").first?.id == "im-hhht-five-pagoda-temple") // run-together pinyin
        #expect(try store.search("zzzz-nothing").isEmpty)
    }

    /// An update replaces the site's search entry (found by rowid = fid, not by a scan): the new
    /// name is found, the old one no longer, and nothing else changes.
    @Test func updatesReplaceTheSearchEntry() throws {
        let store = try shippedStore()
        var temple = try #require(try store.sites().first { $0.id == "im-hhht-dazhao-temple" })
        temple.nameEn = "Great Lama Monastery (renamed)"
        temple.nameZh = "改名寺"
        temple.aliases = [SiteAlias(name: "新别名寺")]
        #expect(try store.upsert([temple]) == (0, 1))
        #expect(try store.search("改名寺").map(\.id) == ["im-hhht-dazhao-temple"])
        #expect(try store.search("大召").isEmpty) // also its former alias, the relic list's name
        #expect(try store.search("新别名寺").map(\.id) == ["im-hhht-dazhao-temple"])
        #expect(try store.search("Five Pagoda").first?.id == "im-hhht-five-pagoda-temple")
    }
}

@Suite struct GeoPackageBinaryTests {
    @Test func pointsHaveNoEnvelopeAndLinesCarryOne() throws {
        let point = Geometry.point(Position(try Coordinate(longitude: 111.6, latitude: 40.8)))
        let blob = GeoPackageBinary.encode(point)
        // The bytes GDAL 3.6 writes for POINT(111.6 40.8) in EPSG:4326 (ogr2ogr, read back with sqlite3 hex()).
        #expect(
            blob.map { String(format: "%02X", $0) }.joined()
                == "47500001E610000001010000006666666666E65B406666666666664440")
        let line = Geometry.lineString([
            Position(try Coordinate(longitude: 110, latitude: 40)),
            Position(try Coordinate(longitude: 112, latitude: 41))
        ])
        let lineBlob = GeoPackageBinary.encode(line)
        let header = try GeoPackageBinary.header(lineBlob)
        #expect(header.envelope.map { [$0.minX, $0.maxX, $0.minY, $0.maxY] } == [110, 112, 40, 41])
        #expect(try GeoPackageBinary.decode(lineBlob).geometry == line)
        #expect(try GeoPackageBinary.decode(blob).geometry == point)
        // The bulk writer's point blobs are the same bytes, after whatever is already in the buffer.
        var appended: [UInt8] = [9]
        GeoPackageBinary.appendPoint(longitude: 111.6, latitude: 40.8, to: &appended)
        #expect(appended == [9] + blob)
        var rng = SeededGenerator()
        for _ in 0..<100 {
            let x = Double.random(in: -180...180, using: &rng), y = Double.random(in: -90...90, using: &rng)
            var bytes: [UInt8] = []
            GeoPackageBinary.appendPoint(longitude: x, latitude: y, to: &bytes)
            // Against the general writer: GeoPackage header (no envelope) + WKB.encode of the point.
            let header: [UInt8] = [0x47, 0x50, 0, 0x01, 0xE6, 0x10, 0, 0]
            #expect(bytes == header + WKB.encode(.point(Position(try Coordinate(longitude: x, latitude: y)))))
            #expect(
                try GeoPackageBinary.decode(bytes).geometry
                    == .point(Position(try Coordinate(longitude: x, latitude: y))))
        }
    }

    @Test func corruptBlobsAreRefused() {
        #expect(throws: GeoPackageBinaryError.notGeoPackageBinary) {
            try GeoPackageBinary.header([0x47, 0x51, 0, 1, 0, 0, 0, 0])
        }
        #expect(throws: GeoPackageBinaryError.truncated) {
            try GeoPackageBinary.header([0x47, 0x50, 0, 0x03, 0xE6, 0x10, 0, 0, 1, 2])
        }
        let truncated = Array(
            GeoPackageBinary.encode(.point(Position(try! Coordinate(longitude: 1, latitude: 2)))).dropLast(3))
        #expect(throws: WKBError.truncated) { try GeoPackageBinary.decode(truncated) }
    }
}

@Suite struct CSVTableTests {
    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let t = try CSVTable(text: "a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n2,,z\n")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.records.map(\.fields) == [["1", "x, \"y\"", "two\nlines"], ["2", "", "z"]])
        #expect(t.records.map(\.line) == [2, 4])
    }

    @Test func brokenTablesNameTheLine() {
        #expect(throws: CSVTable.ParseError.fieldCount(line: 3, found: 2, expected: 3)) {
            try CSVTable(text: "a,b,c\n1,2,3\n1,2\n")
        }
        #expect(throws: CSVTable.ParseError.unterminatedQuote(line: 2)) { try CSVTable(text: "a,b\n1,\"open\n") }
        #expect(throws: CSVTable.ParseError.empty) { try CSVTable(text: "") }
    }
}

@Suite struct SiteFileReaderTests {
    /// Found by fuzzing (Fuzz/FuzzSiteFile): a quoted header cell with a line break made a
    /// two-line error message.
    @Test func errorsQuotingTheFileStayOnOneLine() {
        #expect {
            _ = try SiteFileReader.read(
                data: Data("id,\"name\nzh\",kind\nx,y,museum\n".utf8), name: "upload.csv", format: .csv)
        } throws: { error in
            let text = "\(error)"
            return !text.contains("\n") && text.contains("name\\nzh") && text.hasPrefix("upload.csv:1: ")
        }
    }

    /// Large files are read on every core in chunks: the sites come back in file order, and of
    /// several bad rows the first in the file is named, whichever chunk finds it first.
    @Test func largeFilesReadInChunksKeepOrderAndNameTheFirstBadLine() throws {
        func csv(_ rows: Int, bad: [Int: String] = [:]) -> Data {
            var text = "id,name_zh,kind,lon,lat\n"
            for i in 0..<rows {
                text += bad[i].map { $0 + "\n" } ?? "c-\(i),\"名\(i)\",village,\(100 + Double(i) / 1_000),45\n"
            }
            return Data(text.utf8)
        }
        let sites = try SiteFileReader.read(data: csv(5_000), name: "big.csv", format: .csv).sites
        #expect(sites.map(\.id) == (0..<5_000).map { "c-\($0)" })
        #expect(sites.last?.coordinate.longitude == 104.999 && sites[2_500].nameZh == "名2500")
        let lateOnly = [4_000: "c-4000,名,village,100,91"]
        #expect {
            _ = try SiteFileReader.read(data: csv(5_000, bad: lateOnly), name: "big.csv", format: .csv)
        } throws: { "\($0)".hasPrefix("big.csv:4002: ") }
        let both = [4_000: "c-4000,名,palace,100,45", 1_200: "c-1200,名,castle,100,45"]
        #expect { _ = try SiteFileReader.read(data: csv(5_000, bad: both), name: "big.csv", format: .csv) } throws: {
            "\($0)".hasPrefix("big.csv:1202: kind")
        }
        let badNumber = [3_999: "c-3999,名,village,east,45", 4_900: "c-4900,名,village,100,north"]
        #expect {
            _ = try SiteFileReader.read(data: csv(5_000, bad: badNumber), name: "big.csv", format: .csv)
        } throws: { "\($0)".hasPrefix("big.csv:4001: lon") }
    }
}

/// Large imports take the bulk path (R-tree packed, triggers off): on top of existing sites, with
/// updates among the rows, the index must pass SQLite's own checks and answer like a scan, and
/// later single writes (through the triggers again) must keep it so.
@Suite struct BulkImportTests {
    private func check(_ store: SiteStore) throws {
        let out = String(
            decoding: try toolOutput([
                "sqlite3", store.path,
                "PRAGMA integrity_check; SELECT rtreecheck('rtree_sites_geom'); INSERT INTO site_search(site_search) VALUES('integrity-check'); SELECT count(*) = (SELECT count(*) FROM sites) FROM rtree_sites_geom;"
                    + "SELECT count(*) = (SELECT count(*) FROM sites) FROM site_search;"
                    + "SELECT min_x = (SELECT min(minx) FROM rtree_sites_geom) AND max_x = (SELECT max(maxx) FROM rtree_sites_geom) AND min_y = (SELECT min(miny) FROM rtree_sites_geom) AND max_y = (SELECT max(maxy) FROM rtree_sites_geom) FROM gpkg_contents WHERE table_name = 'sites';"
            ]), as: UTF8.self)
        #expect(out.split(separator: "\n") == ["ok", "ok", "1", "1", "1"])
    }

    @Test func packedIndexAnswersLikeAScan() throws {
        let store = try shippedStore()
        var rng = SeededGenerator()
        var batch = try (0..<3_000).map { i in
            try Site(
                id: "bulk-\(i)", nameZh: "批量\(i)号", nameEn: "Bulk \(i)", kind: "museum",
                coordinate: Coordinate(
                    longitude: .random(in: 97...126, using: &rng), latitude: .random(in: 37...53, using: &rng)))
        }
        var moved = try #require(try store.site(id: "im-hhht-dazhao-temple"))
        moved.coordinate = try Coordinate(longitude: 120.5, latitude: 50.5)
        moved.nameZh = "搬走的寺"
        batch.append(moved)
        #expect(try store.upsert(batch) == (3_000, 1))
        try check(store)
        let all = try store.sites()
        #expect(all.count == 3_000 + shippedSites)
        for _ in 0..<40 {
            let w = Double.random(in: 97...124, using: &rng), s = Double.random(in: 37...52, using: &rng)
            let box = try BoundingBox(
                west: w, south: s, east: w + .random(in: 0.05...4, using: &rng),
                north: s + .random(in: 0.05...3, using: &rng))
            #expect(
                try store.sites(within: box).map(\.id) == all.filter { box.contains($0.coordinate) }.map(\.id).sorted())
        }
        #expect(
            try store.sites(within: BoundingBox(west: 120.4, south: 50.4, east: 120.6, north: 50.6)).contains {
                $0.id == moved.id
            })
        #expect(try store.search("搬走的寺").map(\.id) == [moved.id])
        #expect(try store.search("批量2999号").map(\.id) == ["bulk-2999"])
        // A single write afterwards goes through the triggers into the packed tree.
        var again = batch[0]
        again.coordinate = try Coordinate(longitude: 98.25, latitude: 52.75)
        #expect(try store.upsert([again]) == (0, 1))
        try check(store)
        #expect(
            try store.sites(within: BoundingBox(west: 98.2, south: 52.7, east: 98.3, north: 52.8)).map(\.id).contains(
                "bulk-0"))
    }

    /// Every field survives a write and a read, on the small path and the bulk one, through every
    /// query that returns sites (writer and reader both go column by column, by position).
    @Test(arguments: [1, 2_500]) func everyFieldRoundTrips(count: Int) throws {
        let store = try shippedStore()
        var full = try Site(
            id: "full-0", nameZh: "全字段", nameEn: "All Fields", kind: "memorial",
            coordinate: Coordinate(longitude: 121.25, latitude: 49.75))
        full.kindDetail = "detail"; full.themes = ["heritage", "red-education", "ecology"]
        full.league = "Hulunbuir"; full.leagueZh = "呼伦贝尔市"; full.banner = "Hailar"
        full.designation = "a title"; full.period = "辽、金、元"
        full.designations = [
            Designation(scheme: "national-key-relic", level: "national", year: 2013, batch: 7),
            Designation(scheme: "showcase", level: "league", year: 2021, reviewDueYear: 2024)
        ]
        full.status = "under-review"; full.visitable = "restricted"; full.highlight = "one line"
        full.openingHours = "Tu-Su 09:00-17:00"; full.openingHoursNote = "closed on holidays"
        full.visitMinutes = 75; full.visitMinutesSource = "estimate"; full.groupCapacity = 120
        full.precision = "exact-site (~100 m)"; full.coordSource = "survey"; full.locationNote = "gate"
        full.facts = "facts"; full.factSources = "sources"; full.verification = "checked"; full.seedMention = "mention"
        full.aliases = [SiteAlias(name: "全字段别名", scheme: "national-key-relic", batch: 7, number: "7-0001-1-001")]
        let batch =
            [full]
            + (1..<count).map { i in
                try! Site(
                    id: "full-\(i)", nameEn: "Filler \(i)", kind: "village",
                    coordinate: Coordinate(longitude: 100 + Double(i) / 1_000, latitude: 41))
            }
        #expect(try store.upsert(batch) == (count, 0))
        #expect(try store.site(id: "full-0") == full)
        #expect(try store.sites(within: BoundingBox(west: 121, south: 49.5, east: 121.5, north: 50)) == [full])
        #expect(try store.sites(near: full.coordinate, radiusMeters: 100).map(\.site) == [full])
        #expect(
            try store.sites(SiteFilter(kind: "memorial", theme: "ecology", level: "national", status: "under-review"))
                == [full])
        #expect(try store.reviewDue(year: 2024).contains(full))
        #expect(try store.search("全字段") == [full])
    }

    /// An id given twice in one call (new or stored) is written once, from its last row, on both
    /// the bulk path and the small one; new rows get the fids AUTOINCREMENT would give them.
    @Test(arguments: [3_000, 10]) func repeatedIdsInOneCallKeepTheLastRow(count: Int) throws {
        let store = try shippedStore()
        let before = try store.count(.sites)
        let stored = try #require(try store.site(id: "im-hhht-dazhao-temple"))
        var batch = try (0..<count).map { i in
            try Site(
                id: "rep-\(i)", nameZh: "重复\(i)号", kind: "village",
                coordinate: Coordinate(longitude: 110 + Double(i) / 1_000, latitude: 45))
        }
        var first = stored, last = stored
        first.nameZh = "第一次改名"; last.nameZh = "最后一次改名"
        last.coordinate = try Coordinate(longitude: 99.5, latitude: 39.5)
        var newTwice = batch[1]
        newTwice.nameZh = "新点改名"
        newTwice.coordinate = try Coordinate(longitude: 125.5, latitude: 52.5)
        // No Chinese name: an empty pinyin column, bound from no bytes at all.
        batch[count / 3] = try Site(
            id: "rep-\(count / 3)", nameEn: "Only An English Name", kind: "village",
            coordinate: Coordinate(longitude: 111, latitude: 44))
        batch.insert(first, at: 0)
        batch.insert(last, at: count / 2)
        batch.append(newTwice)
        #expect(try store.upsert(batch) == (count, 3))
        #expect(try store.search("English Na").map(\.id) == ["rep-\(count / 3)"])
        try check(store)
        #expect(try store.count(.sites) == before + count)
        #expect(try store.site(id: stored.id)?.nameZh == "最后一次改名")
        #expect(try store.site(id: "rep-1")?.nameZh == "新点改名")
        #expect(try store.search("第一次改名").isEmpty)
        #expect(try store.search("最后一次改名").map(\.id) == [stored.id])
        #expect(try store.search("重复1号").isEmpty)
        #expect(
            try store.sites(within: BoundingBox(west: 125.4, south: 52.4, east: 125.6, north: 52.6)).map(\.id) == [
                "rep-1"
            ])
        #expect(
            try store.sites(within: BoundingBox(west: 99.4, south: 39.4, east: 99.6, north: 39.6)).map(\.id) == [
                stored.id
            ])
        let fids = String(
            decoding: try toolOutput([
                "sqlite3", store.path,
                "SELECT min(fid), max(fid) FROM sites WHERE id LIKE 'rep-%'; SELECT seq FROM sqlite_sequence WHERE name = 'sites';"
            ]), as: UTF8.self)
        let lines = fids.split(separator: "\n")
        #expect(lines.first == "\(before + 1)|\(before + count)" && lines.last == "\(before + count)")
    }
}
