import Foundation
import OpeningHours
import Service
import SiteStore
import Testing

@testable import Planner

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// One database built from the shipped data for the whole suite (plans only read it).
private let shared: Workspace = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("school-\(UUID())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try! Workspace(databasePath: dir.appendingPathComponent("im.gpkg").path, dataFolder: projectRoot.path)
}()

private func plan(_ yaml: String) throws -> TripItinerary {
    try shared.plan(try PlanSpec.parse(yaml, source: "test")).itinerary
}

/// The example plan file with some keys replaced (a replaced key's indented lines go with it),
/// seeded and with an iteration limit so each run repeats.
private func schoolPlan(_ changes: [String: String] = [:]) throws -> TripItinerary {
    var lines = try String(contentsOfFile: projectRoot.path + "/Plans/school-study-tour-2-days.yaml", encoding: .utf8)
        .split(separator: "\n").map(String.init)
    for (key, value) in changes {
        var kept: [String] = [], dropping = false
        for line in lines {
            if line.hasPrefix("\(key):") { dropping = true; continue }
            if dropping && line.hasPrefix(" ") { continue }
            dropping = false
            kept.append(line)
        }
        lines = kept + ["\(key): \(value)"]
    }
    return try plan((lines + ["seed: 3", "iterations: 150", "time_limit: 20"]).joined(separator: "\n"))
}

private func cents(_ x: Double) -> Int { Int((x * 100).rounded()) }

@Suite(.serialized) struct SchoolTripTests {
    @Test func coachesAreTheCeilingOfPeopleOverSeats() throws {
        for people in 1...200 {
            for seats in 1...60 {
                let n = Group.coaches(people: people, seats: seats)
                #expect(n * seats >= people && (n - 1) * seats < people)
            }
        }
        // In a plan: 90 pupils and 9 staff are 99 people.
        for (seats, coaches) in [(45, 3), (50, 2), (33, 3), (99, 1), (98, 2)] {
            let p = try schoolPlan(["coach_seats": "\(seats)", "budget_per_student": "5000"])
            #expect(p.group?.people == 99 && p.group?.coaches == coaches && p.group?.seatsPerCoach == seats)
            let coachItems = p.costs!.items.filter { $0.kind == .coach }
            #expect(coachItems.count == 2 && coachItems.allSatisfy { $0.quantity == Double(coaches) })
        }
    }

    @Test func staffBelowTheMinimumsIsFlagged() throws {
        let few = try schoolPlan(["group": "{students: 90, grade: 7, teachers: 2, guides: 1}"])
        let ratios = Dictionary(uniqueKeysWithValues: few.group!.ratios.map { ($0.role, $0) })
        #expect(ratios[.teachers]!.required == 5 && !ratios[.teachers]!.ok)
        #expect(ratios[.safetyOfficers]!.required == 1 && !ratios[.safetyOfficers]!.ok)
        #expect(ratios[.guides]!.ok)
        let flagged = few.warnings.filter { $0.rule == .staffRatio }
        #expect(flagged.count == 2, "\(few.warnings)")
        #expect(flagged[0].message.contains("2 teachers for 90 pupils: at least 5 (one per 20 pupils"))
        #expect(flagged[0].messageZh.contains("至少应有 5 名"))
        let enough = try schoolPlan()
        #expect(enough.group!.ratios.allSatisfy(\.ok) && !enough.warnings.contains { $0.rule == .staffRatio })
    }

    @Test func costItemsSumToTheTotalAndThePerPupilShare() throws {
        let p = try schoolPlan()
        let c = try #require(p.costs)
        #expect(c.items.reduce(0) { $0 + cents($1.amountCNY) } == cents(c.totalCNY))
        #expect(c.perDayCNY.reduce(0) { $0 + cents($1) } == cents(c.totalCNY))
        for i in c.items { #expect(cents(i.amountCNY) == cents(i.quantity * i.unitCNY), "\(i)") }
        #expect(cents(c.perStudentCNY) == (cents(c.totalCNY) + 89) / 90)
        #expect(c.items.allSatisfy { !$0.source.isEmpty })
    }

    @Test func ticketsAreCategoryTimesHeadsAndUnknownPricesAreNeverZero() {
        func visit(_ id: String) -> TripItinerary.Stop {
            .init(
                kind: .visit, siteID: id, nameZh: id, nameEn: nil, label: id, longitude: 111, latitude: 40,
                arrive: 36_000, depart: 39_600, waiting: 0, leg: nil, score: nil)
        }
        let day = TripItinerary.Day(
            index: 0, date: LocalDate(year: 2026, month: 6, day: 2)!,
            stops: [visit("both"), visit("adult-only"), visit("unknown"), visit("no-row")])
        let plan = TripItinerary(
            profile: "coach", firstDate: day.date, days: [day], score: 0, skipped: [], assumptions: [])
        let prices = [
            "both": TicketPrice(siteID: "both", adultCNY: 120, studentCNY: 60, source: "a", asOf: "2018"),
            "adult-only": TicketPrice(siteID: "adult-only", adultCNY: 35, studentCNY: nil, source: "b", asOf: "2020"),
            "unknown": TicketPrice(siteID: "unknown", adultCNY: nil, studentCNY: nil, source: "c", asOf: "undated")
        ]
        let group = Group(students: 90, teachers: 5, safetyOfficers: 1, guides: 2)
        let c = CostEstimate.estimate(plan, group: group, coaches: 3, rates: nil, prices: prices)
        let tickets = c.items.filter { $0.kind == .tickets }.map { ($0.item, $0.quantity, $0.unitCNY, $0.amountCNY) }
        #expect(tickets.count == 4)
        #expect(
            tickets[0] == ("Tickets both: pupils", 90, 60, 5_400) && tickets[1] == ("Tickets both: staff", 8, 120, 960))
        // No student price: the full price, said so (a concession is never dearer).
        #expect(tickets[2].0.contains("full price counted") && tickets[2].1 == 90 && tickets[2].3 == 3_150)
        #expect(tickets[3] == ("Tickets adult-only: staff", 8, 35, 280))
        #expect(c.unknownPrices == ["unknown", "no-row"] && c.isLowerBound && c.pricedSites == 4)
        #expect(!c.items.contains { $0.item.contains("unknown") || $0.item.contains("no-row") })
        #expect(cents(c.totalCNY) == cents(5_400 + 960 + 3_150 + 280))
    }

    @Test func aPlanSaysForHowManySitesThePriceIsMissing() throws {
        // The Great Mosque of Hohhot has no price in GeoData/ticket-prices.csv.
        let p = try plan(
            """
            start: Hohhot
            date: 2026-06-02
            profile: coach
            must: [im-hhht-great-mosque, im-hhht-dazhao-temple]
            group: {students: 40, teachers: 2, safety_officers: 1, guides: 1}
            seed: 1
            iterations: 100
            """)
        let c = try #require(p.costs)
        #expect(c.unknownPrices.contains("im-hhht-great-mosque") && c.isLowerBound)
        #expect(!c.items.contains { $0.item.contains("清真大寺") })
        let dazhao = c.items.filter { $0.item.contains("大召寺") }
        #expect(dazhao.map(\.quantity) == [40, 4] && dazhao.allSatisfy { $0.unitCNY == 35 })
        let note = try #require(p.warnings.first { $0.rule == .unknownPrices })
        #expect(
            note.message.contains("ticket prices unknown for \(c.unknownPrices.count) of the \(c.pricedSites) sites"))
        #expect(note.message.contains("lower bound") && note.messageZh.contains("最低估计"))
        let json = p.render(.json)
        #expect(json.contains(#""unknown_prices":["#) && json.contains(#""lower_bound":true"#))
    }

    @Test func everyPlanWithABudgetCostsAtMostThatPerPupil() throws {
        for budget in [599.0, 640, 700, 800, 1200] {
            let p = try schoolPlan(["budget_per_student": "\(budget)"])
            let c = try #require(p.costs)
            #expect(c.perStudentCNY <= budget, "budget \(budget): \(c.perStudentCNY)")
            #expect(p.violations.isEmpty && c.unknownPrices.isEmpty)
            #expect(p.days.flatMap(\.visits).count > 0)
        }
        // A larger budget buys at least as much.
        let small = try schoolPlan(["budget_per_student": "640"]),
            large = try schoolPlan(["budget_per_student": "5000"])
        #expect(small.score <= large.score)
    }

    @Test func aBudgetBelowTheFixedCostsIsOneErrorNamingTheMinimum() throws {
        // Fixed costs from Config/costs.yaml, counted here on their own: 3 coaches for 2 days,
        // 4 meals, 1 night, 2 days of insurance for 99 people, 2 guides for 2 days; the two
        // drives Hohhot–Baotou stay within the 200 km a day the hire includes.
        let r = try shared.rules().costs!
        let fixed =
            3 * 2 * r.coachPerDay.value + 99 * 4 * r.mealPerPerson.value + 99 * r.lodgingPerPersonNight.value
            + 99 * 2 * r.insurancePerPersonDay.value + 2 * 2 * r.guidePerDay.value
        let minimum = (fixed / 90 * 100).rounded(.up) / 100
        do {
            _ = try schoolPlan(["budget_per_student": "500"])
            Issue.record("a budget of 500 was planned")
        } catch let e as PlanError {
            #expect(e.description.contains("must be at least \(TripItinerary.cny(minimum)) CNY per pupil"), "\(e)")
            #expect(!e.description.contains("\n") && e.description.contains("budget_per_student"))
        }
        // The minimum it names is enough.
        let p = try schoolPlan(["budget_per_student": "\(minimum)"])
        #expect(p.costs!.perStudentCNY <= minimum)
    }

    @Test func theNoticeAndTheFilingSheetHoldEveryStopTimeAndTheCostPerPupil() throws {
        let p = try schoolPlan()
        let per = TripItinerary.cny(p.costs!.perStudentCNY)
        for (paper, title) in [(PlanFormat.notice, "家长告知书"), (.filing, "备案表")] {
            let text = p.render(paper, language: .zh)
            #expect(text.contains(title) && text.contains(per), "\(paper)")
            for day in p.days {
                #expect(text.contains("第 \(day.index + 1) 天 · \(day.date)"))
                for s in day.stops {
                    let name = s.kind == .lunch ? "午餐" : (s.nameZh ?? s.label)
                    #expect(text.contains(name), "\(paper): \(name)")
                    let time =
                        s.kind == .start
                        ? p.clock(s.depart)
                        : s.kind == .end ? p.clock(s.arrive) : "\(p.clock(s.arrive + s.waiting))–\(p.clock(s.depart))"
                    #expect(text.contains(time), "\(paper): \(time)")
                }
            }
            #expect(text.contains("＿＿＿"))
            #expect(!p.render(paper, language: .en).contains("家长告知书"))
        }
        let filing = p.render(.filing, language: .zh)
        #expect(filing.contains("核查结果：符合") && filing.contains("第三十八条") && filing.contains("带队教师"))
        #expect(filing.contains("应急预案") && filing.contains("保险"))
        let notice = p.render(.notice, language: .en)
        #expect(notice.contains("Costs per pupil") && notice.contains("What to bring") && notice.contains("Reply slip"))
    }

    @Test func aSiteOverItsCapacityIsVisitedInWavesOrLeftOut() throws {
        // Two sites imported for the test: one takes 30 at a time in waves, one 30 and no waves.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waves-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ws = try Workspace(databasePath: dir.appendingPathComponent("w.gpkg").path, dataFolder: projectRoot.path)
        let csv = dir.appendingPathComponent("w.csv")
        try """
        id,name_zh,kind,lon,lat,precision,visit_minutes,group_capacity,group_waves,themes,opening_hours
        t-waves,分批馆,museum,111.6556,40.8069,exact-site (~100 m),40,30,yes,heritage,Mo-Su 08:00-18:00
        t-nowaves,不分批馆,museum,111.6756,40.8069,exact-site (~100 m),40,30,no,heritage,Mo-Su 08:00-18:00
        """.write(to: csv, atomically: true, encoding: .utf8)
        let file = try SiteFileReader.read(path: csv.path)
        try ws.store.upsert(file.sites)
        func run(_ must: String) throws -> TripItinerary {
            try ws.plan(
                try PlanSpec.parse(
                    "start: Hohhot\ndate: 2026-06-02\nonly: [t-waves, t-nowaves]\nmust: [\(must)]\n"
                        + "group: {students: 60, teachers: 3}\niterations: 50\n", source: "t")
            ).itinerary
        }
        let p = try run("t-waves")
        let stop = try #require(p.days[0].visits.first { $0.siteID == "t-waves" })
        #expect(stop.waves == 3 && stop.depart - stop.arrive - stop.waiting == 3 * 40 * 60)
        #expect(p.warnings.contains { $0.rule == .waves && $0.message.contains("in 3 waves") })
        #expect(p.skipped.contains { $0.siteID == "t-nowaves" && $0.reason.contains("no groups in waves") })
        #expect(throws: PlanError.self) { try run("t-nowaves") }
    }
}
