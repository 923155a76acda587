import Foundation
import GRDB
import Testing
import TestSupport

@testable import SiteStore

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func shippedStore() throws -> SiteStore {
    let store = try SiteStore(
        path: FileManager.default.temporaryDirectory.appendingPathComponent("heritage-\(UUID()).gpkg").path)
    _ = try ShippedData.locate(explicit: projectRoot.path).load(into: store)
    return store
}

/// The rows of the relic list as shipped in GeoData/sources (a verbatim copy of the shared
/// file; read by Python's csv module): name and batch.
private func relicRows() throws -> [(name: String, batch: String)] {
    let path = projectRoot.appendingPathComponent("GeoData/sources/heritage/national-key-relics-inner-mongolia.csv")
        .path
    let script = """
        import csv, json, sys
        rows = list(csv.DictReader(l for l in open(sys.argv[1], encoding='utf-8') if not l.startswith('#')))
        print(json.dumps([[r['Unit Name (in Chinese)'].strip(), r['Batch (in Chinese)']] for r in rows], ensure_ascii=False))
        """
    let out = try toolOutput(["python3", "-c", script, path])
    return try (JSONSerialization.jsonObject(with: out) as! [[String]]).map { ($0[0], $0[1]) }
}

@Suite struct HeritageRegistryTests {
    /// 146 relic rows in, 146 national-key-relic designations out: one per relic, no site with two,
    /// each batch as often as the list has it, and every relic that is not joined to an existing
    /// site is a site of its own name, once.
    @Test func everyNationalKeyRelicIsThereExactlyOnce() throws {
        let rows = try relicRows()
        #expect(rows.count == 146)
        let sites = try shippedStore().sites()
        let relics = sites.filter { $0.designations.contains { $0.scheme == "national-key-relic" } }
        let entries = sites.flatMap { s in s.designations.filter { $0.scheme == "national-key-relic" } }
        #expect(entries.count == 146 && relics.count == 146)
        let batchNumber = ["第一批": 1, "第二批": 2, "第三批": 3, "第四批": 4, "第五批": 5, "第六批": 6, "第七批": 7, "第八批": 8]
        let sourceBatches = Dictionary(grouping: rows.map { batchNumber[$0.batch]! }, by: { $0 }).mapValues(\.count)
        let storedBatches = Dictionary(grouping: entries.compactMap(\.batch), by: { $0 }).mapValues(\.count)
        #expect(sourceBatches == storedBatches)
        #expect(entries.allSatisfy { $0.level == "national" && $0.year != nil })
        let relicNames = relics.compactMap(\.nameZh)
        let ownSites = relics.filter { $0.id.contains("-relic-") }
        for site in ownSites { #expect(rows.filter { $0.name == site.nameZh }.count == 1, "\(site.id)") }
        #expect(ownSites.count + relics.filter { !$0.id.contains("-relic-") }.count == 146)
        // Joined, not duplicated: Da Zhao keeps its exact coordinate and gains the designation.
        let dazhao = try #require(sites.first { $0.id == "im-hhht-dazhao-temple" })
        #expect(
            dazhao.precision == "exact-site (~100 m)"
                && dazhao.designations.contains { $0.scheme == "national-key-relic" && $0.batch == 6 })
        #expect(!relicNames.contains("大召"))
    }

    /// Every site carries a source for its point and a precision class from the vocabulary; the
    /// relics placed at a county seat say so, and none is placed more precisely than its source.
    @Test func everySiteHasASourceAndAPrecisionClass() throws {
        let classes = [
            "exact-site (~100 m)", "neighbourhood (~1 km)", "town (~5 km)", "city-centre (~10 km)",
            "area (>10 km; gateway point)",
            "county (~30 km; county seat)", "league (~150 km; league seat)"
        ]
        let sites = try shippedStore().sites()
        for site in sites {
            #expect(site.coordSource?.isEmpty == false && site.factSources?.isEmpty == false, "\(site.id)")
            #expect(classes.contains(site.precision ?? ""), "\(site.id): \(site.precision ?? "none")")
        }
        let placedAtSeats = sites.filter { $0.id.contains("-relic-") && $0.precision == "county (~30 km; county seat)" }
        #expect(
            placedAtSeats.count > 100 && placedAtSeats.allSatisfy { $0.coordSource!.contains("county-level centre") })
    }

    /// The official names of the issue: each finds the site its relic was joined to, first, by
    /// its Chinese text and by its pinyin, and the site keeps the name with its batch.
    @Test(arguments: [
        ("王昭君墓", "im-hhht-zhaojun-tomb", 6), ("红山遗址群", "im-cf-hongshan", 6),
        ("嘎仙洞遗址", "im-hlbr-gaxian-cave", 3), ("席力图召及家庙", "im-hhht-xilitu-zhao", 7),
        ("喀喇沁亲王府及家庙", "im-cf-harqin-palace", 5), ("绥远城墙和将军衙署", "im-hhht-jiangjun-yashu", 6)
    ])
    func officialNamesFindTheJoinedSite(name: String, id: String, batch: Int) throws {
        let store = try shippedStore()
        #expect(try store.search(name).first?.id == id)
        let site = try #require(try store.site(id: id))
        #expect(site.nameZh != name)
        let alias = try #require(site.aliases.first { $0.name == name })
        #expect(alias.scheme == "national-key-relic" && alias.batch == batch && alias.number != nil)
        #expect(try store.search(Pinyin.compact(name)).first?.id == id)
        #expect(try store.search(alias.number!).map(\.id).contains(id))
    }

    /// Every relic of the list is found by its official name: a site of that name, or the one
    /// site it was joined to, which keeps the name as an alias.
    @Test func everyRelicNameFindsItsSite() throws {
        let store = try shippedStore()
        let sites = try store.sites()
        for row in try relicRows() {
            let named = sites.filter { $0.nameZh == row.name || $0.aliases.contains { $0.name == row.name } }
            #expect(named.count == 1, "\(row.name): \(named.map(\.id))")
            #expect(try store.search(row.name).first?.id == named.first?.id, "\(row.name)")
        }
    }

    @Test func aliasTextRoundTrips() throws {
        let text = "王昭君墓 (national-key-relic batch=6 no=Ⅱ－17); Zhaojun (the Han consort); 响沙湾景区 (5a-scenic-area)"
        let list = try SiteAlias.list(text)
        #expect(
            list == [
                SiteAlias(name: "王昭君墓", scheme: "national-key-relic", batch: 6, number: "Ⅱ－17"),
                SiteAlias(name: "Zhaojun (the Han consort)"), SiteAlias(name: "响沙湾景区", scheme: "5a-scenic-area")
            ])
        #expect(SiteAlias.text(list) == text)
        #expect {
            _ = try SiteAlias.list("王昭君墓 (national-key-relic batch=six)")
        } throws: { error in
            (error as? SiteFieldError).map { $0.field == "aliases" && $0.reason.contains("'batch=six'") } ?? false
        }
    }

    @Test func filtersBySchemeLevelBatchAndPeriod() throws {
        let store = try shippedStore()
        let liao = try store.sites(SiteFilter(scheme: "national-key-relic", period: "辽"))
        #expect(liao.count >= 20 && liao.allSatisfy { ($0.period ?? "").contains("辽") })
        #expect(liao.contains { $0.id == "im-cf-liao-shangjing" })
        let batch7tombs = try store.sites(SiteFilter(kind: "tomb", scheme: "national-key-relic", batch: 7))
        #expect(
            !batch7tombs.isEmpty
                && batch7tombs.allSatisfy { $0.kind == "tomb" && $0.designations.contains { $0.batch == 7 } })
        let fiveA = try store.sites(SiteFilter(scheme: "5a-scenic-area"))
        #expect(fiveA.count == 7)
        let world = try store.sites(SiteFilter(level: "world"))
        #expect(world.map(\.id) == ["im-xlgl-xanadu"])
    }

    /// A database written before designations became a list keeps its data: the single
    /// designation becomes the `showcase` scheme with its level, year and review year, and
    /// `review-due` still finds it.
    @Test func anOldSingleDesignationMigratesToTheList() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("old-\(UUID()).gpkg").path
        var config = Configuration()
        config.prepareDatabase { db in Schema.registerSpatialFunctions(db) }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try Schema.migrator.migrate(queue, upTo: "site-search-rowid-is-fid")
        var blob: [UInt8] = []
        GeoPackageBinary.appendPoint(longitude: 111.65, latitude: 40.81, to: &blob)
        let point = Data(blob)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sites (geom, id, name_zh, kind, designation, designation_level, designation_year, review_due_year, status, visitable)
                    VALUES (?, 'old-1', '老社区', 'community', 'a model community', 'national', 2023, 2026, 'active', 'yes'),
                           (?, 'old-2', '老馆', 'museum', NULL, 'none', NULL, NULL, 'active', 'yes')
                    """, arguments: [point, point])
        }
        try queue.close()
        let store = try SiteStore(path: path)
        let old = try #require(try store.site(id: "old-1"))
        #expect(
            old.designations == [Designation(scheme: "showcase", level: "national", year: 2023, reviewDueYear: 2026)])
        #expect(old.designation == "a model community")
        #expect(try store.site(id: "old-2")?.designations == [])
        #expect(try store.reviewDue(year: 2026).map(\.id) == ["old-1"])
        // The migrations after it add the aliases column, empty; an alias written now is found.
        #expect(old.aliases.isEmpty)
        var named = old
        named.aliases = [SiteAlias(name: "旧名社区", scheme: "ethnic-unity-model")]
        #expect(try store.upsert([named]) == (0, 1))
        #expect(try store.search("旧名社区").map(\.id) == ["old-1"])
    }

    @Test(arguments: [
        ("national-key-relic", "level after the scheme"), ("relic national", "scheme 'relic' is not one of"),
        ("showcase league 2023 soon", "'soon' is not a year, batch=N or review=YEAR")
    ])
    func badDesignationTextNamesTheEntry(text: String, reason: String) {
        #expect {
            _ = try Designation.list(text)
        } throws: { error in
            (error as? SiteFieldError).map { $0.field == "designations" && $0.reason.contains(reason) } ?? false
        }
    }
}
