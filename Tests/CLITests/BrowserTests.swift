import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The planner's web app in a real browser (headless Chromium through Debian's chromium-driver
/// and python3-selenium, driven by Tests/Browser/app_test.py), then every export it links to
/// read by an independent reader: GDAL (GeoJSON, GPX, KML), gpxpy and icalendar (PyPI).
@Suite(.serialized) struct BrowserTests {
    @Test func aTeacherPlansEditsAndExportsATripInTheBrowser() throws {
        let s = try RunningServer()
        let out = s.dir.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let run = try runTool([
            "/usr/bin/python3", projectRoot.appendingPathComponent("Tests/Browser/app_test.py").path, s.base, out.path,
            String(shippedSites)
        ])
        let report = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "\(report)\n\(run.stderr.suffix(2000))")
        print("browser test: \(report.prefix(600))… screenshots in \(out.path)")
        guard run.status == 0 else { return }
        let museum = "内蒙古博物院" // the hand-added stop, closed on Mondays
        func file(_ ext: String) -> String { out.appendingPathComponent("trip.\(ext)").path }

        // GDAL reads the three map formats without a warning, and the added stop is in each.
        for ext in ["geojson", "gpx", "kml"] {
            let info = try runTool(["ogrinfo", "-ro", "-al", file(ext)])
            #expect(
                info.status == 0 && !info.output.contains("Warning") && !info.output.contains("ERROR"),
                "\(ext): \(info.output.prefix(500))")
            #expect(info.output.contains(museum), "\(ext) lacks the added stop")
        }
        let geojson =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("geojson"))))
            as! [String: Any]
        let rules = (geojson["violations"] as! [[String: Any]]).compactMap { $0["rule"] as? String }
        #expect(rules.contains("closed"), "the exported GeoJSON names the broken rule: \(rules)")
        // gpxpy: the stop is a waypoint.
        let gpx = try runTool([
            "python3", "-c",
            "import gpxpy,sys; g=gpxpy.parse(open(sys.argv[1])); print('\\n'.join(w.name for w in g.waypoints)); print(len(g.tracks))",
            file("gpx")
        ])
        #expect(gpx.status == 0 && gpx.output.contains(museum), "\(gpx.output)")
        // icalendar: the museum's visit is an event on Monday 2026-06-01, latitude first in GEO.
        let ics = try runTool([
            "python3", "-c",
            """
            import icalendar, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for e in cal.walk('VEVENT'):
                if '内蒙古博物院' in str(e.get('SUMMARY')) and e.get('GEO') is not None:
                    start = e.decoded('DTSTART')
                    print(start.isoformat(), e['DTSTART'].params['TZID'], start.utcoffset().total_seconds(), e.get('GEO').latitude, e.get('GEO').longitude)
            """, file("ics")
        ])
        #expect(
            ics.status == 0 && ics.output.hasPrefix("2026-06-01T") && ics.output.contains("Asia/Shanghai 28800.0 40.8"),
            "\(ics.output)")
        let markdown = try String(contentsOfFile: file("md"), encoding: .utf8)
        #expect(markdown.contains(museum) && markdown.contains("closed on Monday 2026-06-01"))
        for shot in ["app-desktop.png", "app-phone.png"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(shot).path), "\(shot) was taken")
        }
    }

    /// Tests/Browser/a11y_test.py: a trip planned, reordered, moved, extended and exported by
    /// keyboard alone; axe-core (WCAG 2.2 A/AA) with no serious or critical violation on the plan
    /// form, sites list, itinerary and print view in both languages; 24 px targets; named markers;
    /// no English in the Chinese page but names; screenshots at desktop and phone width.
    @Test func everyoneCanUseTheAppByKeyboardInBothLanguages() throws {
        let s = try RunningServer()
        let out = s.dir.appendingPathComponent("a11y")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let run = try runTool([
            "/usr/bin/python3", projectRoot.appendingPathComponent("Tests/Browser/a11y_test.py").path, s.base,
            out.path, String(shippedSites)
        ])
        let report = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "\(report)\n\(run.stderr.suffix(2000))")
        print("a11y test: \(report.prefix(800))… screenshots in \(out.path)")
        for shot in ["app-desktop-en.png", "app-desktop-zh.png", "app-phone-en.png", "app-phone-zh.png"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(shot).path), "\(shot) was taken")
        }
    }
}
