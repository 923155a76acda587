import Foundation

// Every text in English. Each switch is exhaustive and has no `default:`, so a phrase added
// to Phrases.swift without its English here does not compile (Chinese.swift is the same).

extension PlanNote {
    public var english: String {
        switch self {
        case let .travelTimes(profile, nodes, detour, speed):
            "travel times from the \(profile) road graph (\(nodes) nodes); off-road points: straight line × \(detour) "
                + "at \(speed) km/h"
        case let .defaultHours(from, to): "sites without opening hours in the data: assumed open \(from)–\(to)"
        case let .visitTimes(source, _):
            "visit times from the data (a source or a default per kind); public holidays: \(source)"
        case let .unknownHours(site, dates, hours, from, to):
            "\(site): the data gives no hours for \(dates.joined(separator: ", ")) (opening_hours \"\(hours)\"); "
                + "assumed open \(from)–\(to), check before going"
        case .coachRule:
            "coach rule: a 20-minute rest after every 4 hours of continuous driving, added inside long legs"
        case let .nightsChosen(among, towns):
            "nights chosen by the planner among \(among) towns: \(towns.joined(separator: ", "))"
        case .arrangedOrder: "order and days as arranged; times re-computed"
        case let .travelOn(profile): "travel on the \(profile) road graph"
        case let .drivingLaw(rest, continuous, night, in24h, in7, from, to, source):
            "coach rule: a \(rest)-minute rest after every \(Units.duration(continuous, .en)) of continuous driving, "
                + "added inside long legs\(night ? " (the day reaches into the night hours)" : ""); at most \(in24h) h "
                + "of driving in 24 h and \(in7) h in 7 days; no driving \(from)–\(to) (\(source))"
        case let .timeLimitCapped(asked, limit):
            "«time_limit» \(asked) s is over this service's \(limit) s; searching \(limit) s"
        case let .holidaysCover(years):
            "the holiday calendar covers \(years ?? "no years"); PH rules are not applied outside it"
        case .routeAsWritten: "the route's own order, days and stays"
        case let .notEveryStopFits(reason, _): "not every stop fits (\(reason)); the plan keeps as many as fit"
        case let .worded(en, _): en
        }
    }
}

extension SkipReason {
    public var english: String {
        switch self {
        case let .didNotFit(score): "did not fit (score \(score))"
        case let .overCapacity(group, capacity):
            "group of \(group) is over its capacity \(capacity) and it takes no groups in waves"
        case .unpricedLeftOut:
            "not planned within «budget_per_student»: their cost could break it (name one with «must»)"
        case .coarseLeftOut:
            "not planned: their positions are tens of km off (include them with «include_coarse», "
                + "or name one with «must»)"
        case let .pruned(_, limit):
            "pruned: more than \(limit) candidates, kept the best by score per minute from the start"
        case let .noRoadNearby(problem): "no road nearby (\(problem.english))"
        case let .visitLongerThanDefaultHours(minutes): "its visit (\(minutes) min) does not fit the default hours"
        case let .closedEveryDay(hours):
            "closed or too short open on every day of the trip (opening_hours \"\(hours)\")"
        }
    }
}

extension RoadProblem {
    public var english: String {
        switch self {
        case let .tooFarFromRoad(point, km, profile, limit):
            String(
                format: "%@ is %.1f km from the nearest %@ road (limit %.0f km, last_mile.max_km in the profile)",
                point, km, profile, limit)
        case let .noRoads(profile): "the \(profile) graph has no roads"
        }
    }
}

extension RuleText {
    public var english: String {
        switch self {
        case .dayShape: "does not start and end at a base"
        case let .leavesEarly(at, start): "leaves at \(at), before the \(start) start"
        case let .endsLate(at, limit, backBy): "ends at \(at), after the \(limit) \(backBy ? "back-by time" : "window")"
        case let .drivingRule(h, m, to, rests):
            "drives \(h) h \(m) min to \(to) with \(rests == 0 ? "no" : "only \(rests)") 20-minute "
                + "rest\(rests == 1 ? "" : "s"): a coach may drive at most 4 h without one"
        case let .maxLeg(to, minutes, limit):
            "the drive to \(to) takes \(minutes) min, over the \(limit) min the group accepts"
        case let .timing(site, at, end): "\(site) reached at \(at) but the drive ends at \(end)"
        case let .lunchOutside(at, from, to): "lunch at \(at) is outside \(from)–\(to)"
        case let .lunchShort(minutes): "lunch shorter than \(minutes) min"
        case let .lunchCount(n): "\(n) lunch breaks"
        case let .unknownSite(site): "unknown site \(site)"
        case let .visitedTwice(site): "\(site) visited twice"
        case let .avoided(site): "\(site) was to be avoided"
        case let .capacity(site, capacity, group): "\(site) takes groups of \(capacity), the group is \(group)"
        case let .shortVisit(site, minutes): "\(site) visit shorter than \(minutes) min"
        case let .closed(site, date, weekday, holiday):
            "\(site) is closed on \(Units.weekday(weekday, .en)) \(date)\(holiday ? " (a public holiday)" : "")"
        case let .outsideHours(site, from, to, hours):
            "\(site) visited \(from)–\(to), outside its hours that day (\(hours.joined(separator: ", ")))"
        case let .maxPerDay(sites, limit): "\(sites) sites, more than \(limit)"
        case let .missingMust(site): "must-visit \(site) is not in the plan"
        case let .overBudget(cost, budget): "costs \(cost) CNY per pupil, over the budget of \(budget)"
        case let .worded(en, _): en
        }
    }
}

extension ItineraryText {
    public var english: String {
        switch self {
        case let .title(days, date): "Itinerary: \(days) day(s) from \(date)"
        case let .tripName(date, days): "Trip from \(date), \(days) day(s)"
        case let .day(d): "Day \(d)"
        case let .dayDated(d, date): "Day \(d) \(date)"
        case let .dayHeading(d, date, weekday): "Day \(d) · \(date) (\(Units.weekday(weekday, .en)))"
        case let .daySummary(sites, distance, driving):
            "\(sites) sites, \(Units.km(distance, .en)), \(Units.duration(driving, .en)) on the road"
        case let .drivingToday(distance, driving):
            "Driving today: \(Units.km(distance, .en)), about \(Units.duration(driving, .en))."
        case .columns: "| Time | Stop | Stay | Travel |"
        case .textColumns: "time          stop                                              stay        travel to here"
        case let .total(score, sites, days, distance, profile):
            "Score \(score): \(sites) sites in \(days) day(s), \(Units.km(distance, .en)) by "
                + ItineraryText.profile(profile).english + "."
        case .breaksHeading: "Rules this itinerary breaks"
        case .notesHeading: "Notes"
        case .notIncluded: "Not included"
        case let .andMore(n): "and \(n) more"
        case .assumptions: "Assumptions"
        case .breaks: "BREAKS"
        case .note: "NOTE"
        case .noteHeading: "To note"
        case let .coarseSites(n): "\(n) sites known only to their county or league seat"
        case let .moreCandidates(n): "\(n) more candidates"
        case let .unpricedSites(n): "\(n) sites whose ticket price is not known"
        case let .onDay(d, date, text): "day \(d) (\(date)): \(text)"
        case let .leave(place): "Leave \(place)"
        case let .backAt(place): "Back at \(place)"
        case .lunch: "Lunch"
        case let .lunchAt(place): "Lunch at \(place)"
        case let .stay(minutes): "\(minutes) min"
        case let .leg(duration, distance): "\(Units.duration(duration, .en)), \(Units.km(distance, .en))"
        case .travelNotKnown: "not known (same coarse point as the last stop)"
        case let .restsIncluded(n): "incl. \(n)×20 min rest"
        case let .visitTimes(d, from, to): "Day \(d), \(from)–\(to)"
        case let .route(d): "Day \(d) route"
        case let .profile(name): name
        case let .everyRuleKept(date, drivingRule):
            "every rule kept on \(date) (hours, lunch, day window\(drivingRule ? ", driving rule" : ""))"
        case let .comparedWithWritten(broken, driving, kept, of, optimized):
            "as written: \(broken) rule(s) broken, \(Int((driving / 60).rounded())) min driving; optimized: \(kept) of "
                + "\(of) stops, \(Int((optimized / 60).rounded())) min driving"
        case let .driveTo(place): "Drive to \(place)"
        case let .arriveAndWait(at): "arrive \(at), wait for opening"
        case let .siteID(id): "site \(id)"
        case let .driveOf(distance, duration):
            "drive \(Units.km(distance, .en)), \(Units.duration(duration, .en))"
        }
    }
}

extension PrecisionClass {
    public var english: String { rawValue }
}

extension PrecisionNote {
    public var english: String {
        switch self {
        case let .coarsest(precision): "Coordinates: the coarsest is \(precision)"
        case let .estimates(precision, n):
            "Coordinates: \(n) stop\(n == 1 ? "" : "s") known only to \(precision); times to and from "
                + "\(n == 1 ? "it" : "them") are estimates"
        }
    }
}

extension PlanProblem {
    public var english: String {
        switch self {
        case let .inField(field, problem): "«\(field)»: \(problem.english)"
        case .startMissing: "say where the trip starts: «start» (a site, a town or lon,lat)"
        case .dateMissing: "give the first day: «date» YYYY-MM-DD"
        case let .badDate(text): "«date» must be YYYY-MM-DD, e.g. 2026-06-02 (got \"\(text)\")"
        case let .badWindow(text): "«window» must be HH:MM-HH:MM (got \"\(text)\")"
        case .badDefaultHours: "«default_hours» must be HH:MM-HH:MM"
        case .hotelsAndChooseHotels: "give either «hotels» for each night or «choose_hotels», not both"
        case let .badNightSearch(text):
            "«night_search» is sequences (the default) or local (the earlier search, for comparison); got \"\(text)\""
        case .badBackBy: "«back_by» must be HH:MM"
        case .badLunch: "«lunch» must be HH:MM-HH:MM/minutes, e.g. 12:00-13:30/60, or none"
        case let .days(n): "«days» must be 1 to 14 (got \(n))"
        case let .visitDays(n): "«visits» must hold 1 to 14 days (got \(n))"
        case let .dayEndsBeforeStart(end, start):
            "the day ends (\(end)) before it starts (\(start)); give «window» like 08:30-17:30"
        case let .lunchOutsideDay(from, to, minutes, dayFrom, dayTo):
            "«lunch» \(from)–\(to) (\(minutes) min) must lie inside the day \(dayFrom)–\(dayTo)"
        case let .backByBeforeStart(backBy, start): "«back_by» \(backBy) is before the day starts (\(start))"
        case let .hotelsPerNight(days, got):
            "\(days) days need \(days - 1) overnight stops («hotels», one per night), got \(got)"
        case let .mustAndAvoid(id): "\(id) is both «must» and «avoid»"
        case .maxPerDay: "«max_per_day» must be at least 1"
        case let .coachSeats(n): "«coach_seats» must be 1 to 100 (got \(n))"
        case let .budget(text): "«budget_per_student» must be a number of CNY above 0 (got \(text))"
        case .budgetWithoutGroup: "«budget_per_student» needs the group it is for («group.students»)"
        case let .windowInNoRunning(from, to, noFrom, noTo, source):
            "«window» \(from)-\(to) reaches into \(noFrom)–\(noTo), when long-distance coaches do not run (\(source)); "
                + "start the day at \(noTo) or later"
        case let .unknownPlace(text):
            "\"\(text)\" is not lon,lat, a site id, a town or a site name (search the sites for it)"
        case let .badPoint(text, reason): "\(text): \(reason)"
        case let .unknownSite(id, suggestions):
            "unknown site id \"\(id)\"; did you mean \(suggestions.joined(separator: ", "))?"
        case let .unknownVisitSite(id): "«visits»: unknown site id \"\(id)\""
        case let .placeOffRoad(place, problem): "\(place): \(problem.english)"
        case let .dayShorterThanVisits(from, to, shortest):
            "the day \(from)–\(to) is shorter than any visit (the shortest is \(shortest) min)"
        case let .noSiteMatches(themes, kinds):
            "no site matches the request (themes \(themes), kinds \(kinds)); list the sites to see what there is"
        case let .mustOverCapacity(site, capacity, group):
            "must-visit \(site) takes groups of at most \(capacity) and no groups in waves; the group is \(group)"
        case let .mustOffRoad(site, id, problem): "must-visit \(site) (\(id)) cannot be reached: \(problem.english)"
        case let .mustNeverOpen(site, id, why, opensOn):
            "must-visit \(site) (\(id)) cannot be visited: \(why.english)"
                + (opensOn.map { "; it is open on \($0)" } ?? "")
        case let .mustDoesNotFit(site, id, backBy):
            "must-visit \(site) (\(id)) does not fit: no day reaches it within its opening hours and still gets back "
                + "by \(backBy); try more days, a longer day («window»), or dropping another «must»"
        case let .mustOverDrivingLimit(site, id, driving, hours, source):
            "must-visit \(site) (\(id)) does not fit: going there and on takes at least "
                + "\(Units.duration(driving, .en)) of driving in a day (rests included), more than a coach may drive "
                + "(at most \(hours) h in 24 h, \(source)); add a night near it («hotels», «choose_hotels») or more days"
        case let .dayOverDrivingLimit(day, from, to, driving, limit, hours, source):
            "day \(day): going from \(from) to \(to) takes \(Units.duration(driving, .en)) of driving (rests "
                + "included), more than the \(Units.duration(limit, .en)) a coach may drive that day (at most \(hours) h "
                + "in 24 h, \(source)); add nights on the way («hotels», «choose_hotels») or days"
        case let .dayTooShortForDrive(day, from, to, h, m, dayFrom, dayTo, lunch):
            "day \(day): going from \(from) to \(to) takes \(h) h \(m) min of driving, which does not fit the day "
                + "\(dayFrom)–\(dayTo)\(lunch ? " with lunch" : ""); add nights on the way («hotels», "
                + "«choose_hotels»), days, or a longer «window»"
        case let .noneReachable(start, profile):
            "no candidate site can be reached from \(start) and back by \(profile): the roads there do not connect "
                + "to them (try another start or profile)"
        case let .noPlan(reason): "no plan satisfies the request: \(reason)"
        case let .budgetBelowFixedCosts(budget, kinds, amounts, pupils, least):
            "«budget_per_student» \(budget) CNY is below the fixed costs: "
                + zip(kinds, amounts).map { "\($0.replacingOccurrences(of: "-", with: " ")) \($1)" }.joined(
                    separator: ", ")
                + " CNY for \(pupils) pupils; the budget must be at least \(least) CNY per pupil (rates: Config/costs.yaml)"
        case .budgetPassedByMustKilometres:
            "no plan keeps «budget_per_student»: the kilometres of the must-visits pass it"
        case let .internalBreaks(rule):
            "internal error, the plan breaks a rule: \(rule) (please report the request)"
        case let .internalHours(site, reason): "site \(site): \(reason)"
        }
    }
}
