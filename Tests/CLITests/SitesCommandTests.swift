import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let badFiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/bad-sites")

/// A fresh folder with a database built from the shipped data.
private func freshDatabase() throws -> (dir: URL, db: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-cli-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let db = dir.appendingPathComponent("showcase.gpkg").path
    let run = try showcase(["init", "--db", db, "--data", projectRoot.path])
    #expect(run.status == 0, "\(run.stderr)")
    return (dir, db)
}

/// Runs a program from PATH and returns status and combined output.
private func tool(_ arguments: [String], in dir: URL? = nil) throws -> (status: Int32, output: String) {
    let run = try runTool(arguments, in: dir)
    return (run.status, run.output)
}

@Suite struct GeoPackageInteropTests {
    @Test func gdalValidatesTheDatabaseAndOgrinfoListsTheLayersWithoutWarnings() throws {
        let (_, db) = try freshDatabase()
        let validator = "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"
        let validation = try tool(["python3", validator, db])
        #expect(validation.status == 0, "\(validation.output)")
        let info = try tool(["ogrinfo", "-al", "-so", db])
        #expect(info.status == 0)
        #expect(!info.output.contains("Warning") && !info.output.contains("ERROR"), "\(info.output.prefix(500))")
        #expect(info.output.contains("Layer name: sites") && info.output.contains("Feature Count: \(shippedSites)"))
        #expect(info.output.contains("Layer name: towns") && info.output.contains("Feature Count: 343"))
        #expect(!info.output.contains("grdb_migrations") && !info.output.contains("site_search"))
        let header = try tool(["sqlite3", db, "PRAGMA application_id; PRAGMA user_version;"])
        #expect(header.output == "1196444487\n10300\n")
    }

    @Test func ogr2ogrGeoJSONHasTheSameFeaturesAndAttributesAsOurExport() throws {
        let (dir, db) = try freshDatabase()
        let gdalFile = dir.appendingPathComponent("gdal.json").path
        #expect(try tool(["ogr2ogr", "-f", "GeoJSON", gdalFile, db, "sites"]).status == 0)
        let ours = try showcase(["export", "sites", "--format", "geojson", "--db", db])
        #expect(ours.status == 0)
        func features(_ data: Data) throws -> [String: [String: Any]] {
            let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            var out: [String: [String: Any]] = [:]
            for f in object["features"] as! [[String: Any]] {
                let p = f["properties"] as! [String: Any]
                out[p["id"] as! String] = ["properties": p, "geometry": f["geometry"]!]
            }
            return out
        }
        let gdal = try features(Data(contentsOf: URL(fileURLWithPath: gdalFile)))
        let mine = try features(Data(ours.stdout.utf8))
        #expect(gdal.count == shippedSites && mine.count == gdal.count)
        for (id, feature) in mine {
            let a = try JSONSerialization.data(withJSONObject: feature, options: .sortedKeys)
            let b = try JSONSerialization.data(withJSONObject: gdal[id] ?? [:], options: .sortedKeys)
            #expect(a == b, "\(id)")
        }
    }

    @Test func aLayerWrittenByOgr2ogrInAnotherCRSImportsBack() throws {
        let (dir, db) = try freshDatabase()
        // GDAL reprojects our sites into CGCS2000 3° GK zone 37 in a new GeoPackage...
        let projected = dir.appendingPathComponent("projected.gpkg").path
        #expect(
            try tool(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4546", projected, db, "sites", "-nln", "sites"]).status
                == 0)
        // ...which we import into an empty copy: the layer's own CRS is honoured.
        let other = dir.appendingPathComponent("other.gpkg").path
        let emptySeed = dir.appendingPathComponent("empty.csv")
        try "id,name_zh,kind,lon,lat\nplaceholder,占位,other,111,40\n".write(
            to: emptySeed, atomically: true, encoding: .utf8)
        #expect(try showcase(["init", "--db", other, "--data", projectRoot.path]).status == 0)
        let imported = try showcase(["sites", "import", projected, "--db", other])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported \(shippedSites) sites"))
        let original = try showcase(["sites", "show", "im-hhht-dazhao-temple", "--format", "geojson", "--db", db])
            .stdout
        let back = try showcase(["sites", "show", "im-hhht-dazhao-temple", "--format", "geojson", "--db", other]).stdout
        func lonLat(_ s: String) throws -> [Double] {
            let f = try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
            return (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
        }
        let a = try lonLat(original), b = try lonLat(back)
        #expect(abs(a[0] - b[0]) < 1e-7 && abs(a[1] - b[1]) < 1e-7)
    }

    @Test func theSameFilesGiveTheSameDatabaseContent() throws {
        let (_, first) = try freshDatabase()
        let (_, second) = try freshDatabase()
        let a = try tool(["sqlite3", first, ".dump"]), b = try tool(["sqlite3", second, ".dump"])
        #expect(a.status == 0 && a.output.count > 10_000)
        #expect(a.output == b.output)
    }
}

@Suite struct SitesCommandTests {
    @Test(arguments: [
        ("bad-number.csv", [String](), "bad-number.csv:3: lon 'abc' is not a number"),
        ("latitude-91.csv", [], "latitude-91.csv:2: latitude 91.2 out of range (-90…90)"),
        ("nan.csv", [], "nan.csv:2: lon 'NaN' is not a number"),
        (
            "missing-columns.csv", [],
            "missing-columns.csv:1: missing coordinate columns: need lon,lat (or x,y with --crs); header has id,name_zh,kind"
        ),
        ("unknown-kind.csv", [], "unknown-kind.csv:3: kind: 'musuem' is not one of"),
        ("invalid-utf8.csv", [], "invalid-utf8.csv:2: not UTF-8 text (save the file as UTF-8)"),
        ("duplicate-ids.csv", [], "duplicate-ids.csv:4: duplicate id 't-1' (first at line 2)"),
        ("short-row.csv", [], "short-row.csv:2: 5 fields, but the header has 6"),
        ("empty.csv", [], "empty.csv: the file is empty (0 bytes)"),
        (
            "wrong-geometry.geojson", [],
            "wrong-geometry.geojson: features[1].geometry: expected a Point, found LineString"
        ),
        (
            "truncated.geojson", [],
            "truncated.geojson: not valid JSON at line 1, column 194: unexpected end of input inside a string"
        ),
        (
            "latitude-91.geojson", [],
            "latitude-91.geojson: features[1].geometry.coordinates: latitude 91.2 out of range (-90…90)"
        ),
        (
            "good-for-unknown-crs.csv", ["--crs", "EPSG:999999"],
            "good-for-unknown-crs.csv: unknown CRS 'EPSG:999999': proj_create: crs not found"
        ),
        (
            "prefixed-easting.csv", ["--crs", "EPSG:4546"],
            "prefixed-easting.csv:2: cannot transform from EPSG:4546: Point outside of projection domain"
        )
    ])
    func badFilesAreRefusedWithOneLineAndTheDatabaseIsUnchanged(file: String, flags: [String], message: String) throws {
        let (_, db) = try freshDatabase()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let path = badFiles.appendingPathComponent(file).path
        let run = try showcase(["sites", "import", path, "--db", db] + flags)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("showcase: error: \(badFiles.path)/\(message)"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(
            try showcase(["sites", "list", "--db", db, "--format", "csv"]).stdout.split(separator: "\n").count
                == shippedSites + 1)
    }

    @Test func importUpsertsAllOrNothingAndConvertsWebMapCoordinates() throws {
        let (dir, db) = try freshDatabase()
        // One updated site (moved, renamed) and one new site given in GCJ-02 (as copied from Amap).
        let file = dir.appendingPathComponent("update.csv")
        try """
        id,name_zh,name_en,kind,themes,lon,lat
        im-hhht-dazhao-temple,大召寺,Da Zhao Temple,temple,heritage;ethnic-unity,97.87704296524798,48.1523801738809
        test-new-site,新点,New site,museum,,97.87704296524798,48.1523801738809
        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try showcase(["sites", "import", file.path, "--crs", "GCJ02", "--db", db])
        #expect(run.status == 0)
        #expect(run.stderr == "showcase: imported 2 sites from \(file.path): 1 new, 1 updated\n")
        // GCJ-02 97.87704296524798,48.1523801738809 is WGS 84 97.87643669083587,48.15122514909727
        // (prcoords 1.0.2, Tests/ProjectionTests/Fixtures/datum_vectors.csv row "random0").
        let near = try showcase([
            "sites", "near", "97.87643669083587,48.15122514909727", "--radius-km", "0.01", "--format", "csv", "--db", db
        ])
        let ids = near.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids.sorted() == ["im-hhht-dazhao-temple", "test-new-site"])
        // The old position of Da Zhao no longer finds it (the R-tree moved with the row).
        let old = try showcase(["sites", "within", "111.6466,40.7980,111.6467,40.7981", "--format", "csv", "--db", db])
        #expect(!old.stdout.contains("im-hhht-dazhao-temple"))
        #expect(
            try showcase(["sites", "list", "--db", db, "--format", "csv"]).stdout.split(separator: "\n").count
                == shippedSites + 2)
    }

    @Test func exportedCSVImportsBackUnchanged() throws {
        let (dir, db) = try freshDatabase()
        let csv = dir.appendingPathComponent("sites.csv")
        #expect(try showcase(["export", "sites", "--format", "csv", "--out", csv.path, "--db", db]).status == 0)
        let before = try showcase(["export", "sites", "--format", "geojson", "--db", db]).stdout
        let run = try showcase(["sites", "import", csv.path, "--db", db])
        #expect(
            run.stderr.contains("imported \(shippedSites) sites")
                && run.stderr.contains("0 new, \(shippedSites) updated"))
        #expect(try showcase(["export", "sites", "--format", "geojson", "--db", db]).stdout == before)
    }

    @Test func listSearchNearAndReviewDueAnswerFromTheShippedData() throws {
        let (_, db) = try freshDatabase()
        let temples = try showcase([
            "sites", "list", "--league", "Hohhot", "--kind", "temple", "--format", "csv", "--db", db
        ])
        #expect(temples.stdout.split(separator: "\n").count - 1 == 5)
        let search = try showcase(["sites", "search", "博物", "--format", "csv", "--db", db])
        #expect(search.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains("博物") })
        let pinyin = try showcase(["sites", "search", "dazhao", "--format", "csv", "--db", db])
        #expect(pinyin.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("im-hhht-dazhao-temple,") == true)
        let english = try showcase(["sites", "search", "Natural History", "--format", "csv", "--db", db])
        #expect(
            english.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("im-hhht-natural-history-museum,")
                == true, "\(english.stderr)")
        let due = try showcase(["sites", "review-due", "--year", "2026", "--format", "csv", "--db", db])
        #expect(
            due.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
                == [
                    "im-bt-wang-ruofei-memorial", "im-bt-alding-1-community", "im-hhht-monishan-ich-town",
                    "im-xlgl-national-children-hall"
                ])
    }

    /// A relic joined to an existing site is found by the list's name and number, and `sites show`
    /// lists the names the lists give it, one a line.
    @Test func officialNamesAreFoundAndShown() throws {
        let (_, db) = try freshDatabase()
        for (name, id) in [
            ("王昭君墓", "im-hhht-zhaojun-tomb"), ("红山遗址群", "im-cf-hongshan"), ("嘎仙洞遗址", "im-hlbr-gaxian-cave"),
            ("席力图召及家庙", "im-hhht-xilitu-zhao"), ("喀喇沁亲王府及家庙", "im-cf-harqin-palace"),
            ("绥远城墙和将军衙署", "im-hhht-jiangjun-yashu"), ("7-0912-3-210", "im-hhht-xilitu-zhao")
        ] {
            let found = try showcase(["sites", "search", name, "--format", "csv", "--db", db])
            #expect(found.stdout.split(separator: "\n").dropFirst().first?.hasPrefix(id + ",") == true, "\(name)")
        }
        let show = try showcase(["sites", "show", "im-hhht-xilitu-zhao", "--db", db]).stdout
        #expect(show.contains("\naliases              席力图召及家庙 (national-key-relic batch=7 no=7-0912-3-210)"), "\(show)")
    }

    /// `sites list` filters by designation scheme, level, batch and period, on the CLI and over
    /// HTTP alike; an unknown scheme is one line listing the known ones.
    @Test func listFiltersByDesignationSchemeBatchAndPeriod() throws {
        let (_, db) = try freshDatabase()
        let liao = try showcase([
            "sites", "list", "--scheme", "national-key-relic", "--period", "辽", "--format", "geojson", "--db", db
        ])
        #expect(liao.status == 0, "\(liao.stderr)")
        let features =
            (try JSONSerialization.jsonObject(with: Data(liao.stdout.utf8)) as! [String: Any])["features"]
            as! [[String: Any]]
        let properties = features.map { $0["properties"] as! [String: Any] }
        #expect(properties.count >= 20)
        #expect(
            properties.allSatisfy {
                ($0["period"] as? String ?? "").contains("辽")
                    && ($0["designations"] as? String ?? "").contains("national-key-relic national")
            })
        #expect(
            properties.contains {
                $0["id"] as? String == "im-cf-liao-shangjing"
                    && ($0["designations"] as? String ?? "").contains("batch=1")
            })
        let table = try showcase(["sites", "list", "--scheme", "5a-scenic-area", "--db", db])
        #expect(
            table.stdout.contains("5a-scenic-area national") && table.stdout.hasSuffix("7 sites\n"), "\(table.stdout)")
        let bad = try showcase(["sites", "list", "--scheme", "relic", "--db", db])
        #expect(
            bad.status == 1 && bad.stderr.contains("\"relic\" is not known")
                && bad.stderr.contains("national-key-relic"), "\(bad.stderr)")
    }

    @Test func aMissingDatabaseIsCreatedFromTheShippedData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-auto-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let run = try showcase(
            ["sites", "show", "im-hhht-dazhao-temple"], environment: ["SHOWCASE_DATA": projectRoot.path], directory: dir
        )
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("showcase: created showcase.gpkg: \(shippedSites) sites, 343 towns"))
        #expect(run.stdout.contains("name_en              Da Zhao Temple (Ih Juu)"))
        let unknown = try showcase(["sites", "show", "no-such-site"], directory: dir)
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "showcase: error: no site with id 'no-such-site' (search the sites by name to find its id)\n")
    }
}
