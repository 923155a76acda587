import Foundation

// Every text in Chinese (简体中文). Each switch is exhaustive and has no `default:`, so a phrase
// added to Phrases.swift without its Chinese here does not compile (English.swift is the same).

extension PlanNote {
    public var chinese: String {
        switch self {
        case let .travelTimes(profile, nodes, detour, speed):
            "行车时间按\(ItineraryText.profile(profile).chinese)路网（\(nodes) 个节点）计算；不在路上的地点按直线距离 × \(detour)、"
                + "时速 \(speed) 公里接入道路"
        case let .defaultHours(from, to): "数据中没有开放时间的地点，按 \(from)–\(to) 开放计"
        case let .visitTimes(_, source): "参观时长取自数据（有出处的，或按类型的默认值）；法定节假日：\(source)"
        case let .unknownHours(site, dates, hours, from, to):
            "\(site)：数据中没有 \(dates.joined(separator: "、")) 的开放时间（opening_hours \"\(hours)\"），"
                + "按 \(from)–\(to) 开放计，出行前请核实"
        case .coachRule: "大巴规则：连续驾驶每满 4 小时休息 20 分钟，长途路段中已计入"
        case let .nightsChosen(among, towns): "住宿由系统在 \(among) 个城镇中选择：\(towns.joined(separator: "、"))"
        case .arrangedOrder: "按所排的顺序和日期，重新计算时间"
        case let .travelOn(profile): "按\(ItineraryText.profile(profile).chinese)路网行车"
        case let .drivingLaw(rest, continuous, night, in24h, in7, from, to, source):
            "大巴规则：连续驾驶每满 \(Units.duration(continuous, .zh))休息 \(rest) 分钟，长途路段中已计入"
                + "\(night ? "（当天时间进入夜间）" : "")；24 小时内驾驶至多 \(in24h) 小时，7 天内至多 \(in7) 小时；"
                + "\(from)–\(to) 不得行车（\(article(source))）"
        case let .timeLimitCapped(asked, limit): "«time_limit» \(asked) 秒超过本服务的上限 \(limit) 秒；按 \(limit) 秒搜索"
        case let .holidaysCover(years):
            "节假日日历\(years.map { "只覆盖 \($0) 年" } ?? "不覆盖任何年份")；此外的日期不按节假日（PH）规则计算"
        case .routeAsWritten: "按线路自身的顺序、日期和停留时间"
        case let .notEveryStopFits(_, reason): "并非每一站都排得进（\(reason)）；行程保留了能排进的地点"
        case let .worded(_, zh): zh
        }
    }
}

extension SkipReason {
    public var chinese: String {
        switch self {
        case let .didNotFit(score): "排不进行程（得分 \(score)）"
        case let .overCapacity(group, capacity): "团队 \(group) 人，超过其接待能力 \(capacity) 人，且不接待分批参观"
        case .unpricedLeftOut: "在 «budget_per_student» 之内不予规划：其费用可能超出预算（可用 «must» 指定某一处）"
        case .coarseLeftOut: "位置误差达数十公里，不予规划（可用 «include_coarse» 包括它们，或用 «must» 指定某一处）"
        case let .pruned(_, limit): "已筛除：候选地点超过 \(limit) 个，按从出发地每分钟得分保留最优者"
        case let .noRoadNearby(problem): "附近没有道路（\(problem.chinese)）"
        case let .visitLongerThanDefaultHours(minutes): "其参观时长（\(minutes) 分钟）超出默认开放时间"
        case let .closedEveryDay(hours): "行程的每一天都闭馆或开放时间太短（opening_hours \"\(hours)\"）"
        }
    }
}

extension RoadProblem {
    public var chinese: String {
        switch self {
        case let .tooFarFromRoad(point, km, profile, limit):
            String(
                format: "%@ 距最近的%@道路 %.1f 公里（上限 %.0f 公里，见出行方式配置中的 last_mile.max_km）", point,
                ItineraryText.profile(profile).chinese, km, limit)
        case let .noRoads(profile): "\(ItineraryText.profile(profile).chinese)路网中没有道路"
        }
    }
}

extension RuleText {
    public var chinese: String {
        switch self {
        case .dayShape: "没有从住处出发并回到住处"
        case let .leavesEarly(at, start): "\(at) 出发，早于每日出发时间 \(start)"
        case let .endsLate(at, limit, backBy): "\(at) 才结束，晚于\(backBy ? "返回时间" : "每日结束时间") \(limit)"
        case let .drivingRule(h, m, to, rests):
            "前往\(to)连续行车 \(h) 小时 \(m) 分钟，途中\(rests == 0 ? "没有" : "只有 \(rests) 次") 20 分钟休息："
                + "大巴连续驾驶不得超过 4 小时"
        case let .maxLeg(to, minutes, limit): "前往\(to)需行车 \(minutes) 分钟，超过团队可接受的 \(limit) 分钟"
        case let .timing(site, at, end): "\(site)的到达时间 \(at) 早于行车结束时间 \(end)"
        case let .lunchOutside(at, from, to): "午餐 \(at) 不在 \(from)–\(to) 之间"
        case let .lunchShort(minutes): "午餐短于 \(minutes) 分钟"
        case let .lunchCount(n): "午餐 \(n) 次"
        case let .unknownSite(site): "未知地点 \(site)"
        case let .visitedTwice(site): "\(site)重复参观"
        case let .avoided(site): "\(site)在“不去”名单中"
        case let .capacity(site, capacity, group): "\(site)每批最多接待 \(capacity) 人，团队有 \(group) 人"
        case let .shortVisit(site, minutes): "\(site)参观不足 \(minutes) 分钟"
        case let .closed(site, date, weekday, holiday):
            "\(site)在 \(date)（\(Units.weekday(weekday, .zh))\(holiday ? "，法定节假日" : "")）闭馆"
        case let .outsideHours(site, from, to, hours):
            "\(site)参观时间 \(from)–\(to) 不在当天开放时间（\(hours.joined(separator: "、"))）内"
        case let .maxPerDay(sites, limit): "当天 \(sites) 个地点，超过 \(limit) 个"
        case let .missingMust(site): "必去地点 \(site) 不在行程中"
        case let .overBudget(cost, budget): "每名学生 \(cost) 元，超出预算 \(budget) 元"
        case let .worded(_, zh): zh
        }
    }
}

extension ItineraryText {
    public var chinese: String {
        switch self {
        case let .title(days, date): "行程：\(date) 起 \(days) 天"
        case let .tripName(date, days): "行程：\(date) 起 \(days) 天"
        case let .day(d): "第 \(d) 天"
        case let .dayDated(d, date): "第 \(d) 天 \(date)"
        case let .dayHeading(d, date, weekday): "第 \(d) 天 · \(date)（\(Units.weekday(weekday, .zh))）"
        case let .daySummary(sites, distance, driving):
            "\(sites) 个地点，\(Units.km(distance, .zh))，行车 \(Units.duration(driving, .zh))"
        case let .drivingToday(distance, driving):
            "当日行驶 \(Units.km(distance, .zh))，约 \(Units.duration(driving, .zh))。"
        case .columns: "| 时间 | 地点 | 停留 | 路程 |"
        case .textColumns: "时间          地点                                              停留        前往本站"
        case let .total(score, sites, days, distance, profile):
            "得分 \(score)：\(days) 天 \(sites) 个地点，\(ItineraryText.profile(profile).chinese)行驶 "
                + "\(Units.km(distance, .zh))。"
        case .breaksHeading: "需要注意：不符合规定之处"
        case .notesHeading: "说明"
        case .notIncluded: "未安排"
        case let .andMore(n): "另有 \(n) 处"
        case .assumptions: "说明"
        case .breaks: "不符合规定"
        case .note: "提示"
        case .noteHeading: "提示"
        case let .coarseSites(n): "\(n) 个仅知所在旗县或盟市驻地的地点"
        case let .moreCandidates(n): "另有 \(n) 个候选地点"
        case let .unpricedSites(n): "\(n) 个门票价格未知的地点"
        case let .onDay(d, date, text): "第 \(d) 天（\(date)）：\(text)"
        case let .leave(place): "出发：\(place)"
        case let .backAt(place): "到达：\(place)"
        case .lunch: "午餐"
        case let .lunchAt(place): "午餐（\(place)）"
        case let .stay(minutes): "\(minutes) 分钟"
        case let .leg(duration, distance): "\(Units.duration(duration, .zh))，\(Units.km(distance, .zh))"
        case .travelNotKnown: "未知（与上一站同一粗略坐标）"
        case let .restsIncluded(n): "含 \(n) 次 20 分钟休息"
        case let .visitTimes(d, from, to): "第 \(d) 天，\(from)–\(to)"
        case let .route(d): "第 \(d) 天路线"
        case let .profile(name): ["car": "小汽车", "coach": "大巴", "walk": "步行"][name] ?? name
        case let .everyRuleKept(date, drivingRule):
            "\(date) 全部符合规定（开放时间、午餐、每日时间\(drivingRule ? "、驾驶规则" : "")）"
        case let .comparedWithWritten(broken, driving, kept, of, optimized):
            "按原线路：\(broken) 处不符合规定，行车 \(Int((driving / 60).rounded())) 分钟；优化后：\(of) 站中排进 \(kept) 站，"
                + "行车 \(Int((optimized / 60).rounded())) 分钟"
        case let .driveTo(place): "车程：前往\(place)"
        case let .arriveAndWait(at): "到达 \(at)，等候开门"
        case let .siteID(id): "地点编号 \(id)"
        case let .driveOf(distance, duration): "车程 \(Units.km(distance, .zh))，\(Units.duration(duration, .zh))"
        }
    }
}

extension PrecisionClass {
    public var chinese: String {
        switch self {
        case .exactSite: "精确到地点（约 100 米）"
        case .neighbourhood: "街区（约 1 公里）"
        case .town: "城镇（约 5 公里）"
        case .cityCentre: "城区中心（约 10 公里）"
        case .area: "区域（超过 10 公里；入口点）"
        case .county: "旗县（约 30 公里；旗县驻地）"
        case .league: "盟市（约 150 公里；盟市驻地）"
        }
    }
}

extension PrecisionNote {
    public var chinese: String {
        switch self {
        case let .coarsest(precision): "坐标精度：最粗为\(PrecisionClass.text(precision, .zh))"
        case let .estimates(precision, n):
            "坐标精度：\(n) 个地点仅知\(PrecisionClass.text(precision, .zh))，往返这些地点的时间为估计值"
        }
    }
}

extension PlanProblem {
    public var chinese: String {
        switch self {
        case let .inField(field, problem): "«\(field)»：\(problem.chinese)"
        case .startMissing: "请给出行程的出发地：«start»（地点、城镇或经纬度 lon,lat）"
        case .dateMissing: "请给出第一天的日期：«date»，格式 YYYY-MM-DD"
        case let .badDate(text): "«date» 的格式应为 YYYY-MM-DD，例如 2026-06-02（收到“\(text)”）"
        case let .badWindow(text): "«window» 的格式应为 HH:MM-HH:MM（收到“\(text)”）"
        case .badDefaultHours: "«default_hours» 的格式应为 HH:MM-HH:MM"
        case .hotelsAndChooseHotels: "请为每晚给出 «hotels»，或使用 «choose_hotels»，二者只能选一"
        case let .badNightSearch(text): "«night_search» 应为 sequences（默认）或 local（旧的搜索，供比较）；收到“\(text)”"
        case .badBackBy: "«back_by» 的格式应为 HH:MM"
        case .badLunch: "«lunch» 的格式应为 HH:MM-HH:MM/分钟数，例如 12:00-13:30/60，或 none"
        case let .days(n): "«days» 应为 1 到 14 天（收到 \(n)）"
        case let .visitDays(n): "«visits» 应包含 1 到 14 天（收到 \(n) 天）"
        case let .dayEndsBeforeStart(end, start): "每日结束时间（\(end)）早于出发时间（\(start)）；请按 08:30-17:30 的格式给出 «window»"
        case let .lunchOutsideDay(from, to, minutes, dayFrom, dayTo):
            "«lunch» \(from)–\(to)（\(minutes) 分钟）必须在每日时间 \(dayFrom)–\(dayTo) 之内"
        case let .backByBeforeStart(backBy, start): "«back_by» \(backBy) 早于每日出发时间（\(start)）"
        case let .hotelsPerNight(days, got): "\(days) 天的行程需要 \(days - 1) 个住宿地（«hotels»，每晚一个），收到 \(got) 个"
        case let .mustAndAvoid(id): "\(id) 同时在 «must» 和 «avoid» 中"
        case .maxPerDay: "«max_per_day» 至少为 1"
        case let .coachSeats(n): "«coach_seats» 应为 1 到 100（收到 \(n)）"
        case let .budget(text): "«budget_per_student» 应为大于 0 的人民币金额（收到 \(text)）"
        case .budgetWithoutGroup: "«budget_per_student» 需要给出它所针对的团队（«group.students»）"
        case let .windowInNoRunning(from, to, noFrom, noTo, source):
            "«window» \(from)-\(to) 进入了 \(noFrom)–\(noTo)，这段时间长途客车不得运行（\(article(source))）；"
                + "请把出发时间定在 \(noTo) 或以后"
        case let .unknownPlace(text): "“\(text)”不是经纬度、地点编号、城镇或地点名称（请先搜索地点）"
        case let .badPoint(text, reason): "\(text)：\(reason)"
        case let .unknownSite(id, suggestions): "未知的地点编号“\(id)”；是否指 \(suggestions.joined(separator: "、"))？"
        case let .unknownVisitSite(id): "«visits»：未知的地点编号“\(id)”"
        case let .placeOffRoad(place, problem): "\(place)：\(problem.chinese)"
        case let .dayShorterThanVisits(from, to, shortest): "每日时间 \(from)–\(to) 比任何一处参观都短（最短为 \(shortest) 分钟）"
        case let .noSiteMatches(themes, kinds):
            "没有符合要求的地点（主题 \(themes.joined(separator: "、"))，类型 \(kinds.joined(separator: "、"))）；请先浏览地点列表"
        case let .mustOverCapacity(site, capacity, group):
            "必去地点\(site)每批最多接待 \(capacity) 人，且不接待分批参观；团队有 \(group) 人"
        case let .mustOffRoad(site, id, problem): "必去地点\(site)（\(id)）无法到达：\(problem.chinese)"
        case let .mustNeverOpen(site, id, why, opensOn):
            "必去地点\(site)（\(id)）无法参观：\(why.chinese)" + (opensOn.map { "；它在 \($0) 开放" } ?? "")
        case let .mustDoesNotFit(site, id, backBy):
            "必去地点\(site)（\(id)）排不进行程：没有哪一天能在开放时间内到达并在 \(backBy) 前返回；"
                + "请增加天数、延长每日时间（«window»），或去掉另一处 «must»"
        case let .mustOverDrivingLimit(site, id, driving, hours, source):
            "必去地点\(site)（\(id)）排不进行程：往返至少需行车 \(Units.duration(driving, .zh))（含休息），超过大巴一天可驾驶的"
                + "时间（24 小时内至多 \(hours) 小时，\(article(source))）；请在附近增加住宿（«hotels»、«choose_hotels»）或增加天数"
        case let .dayOverDrivingLimit(day, from, to, driving, limit, hours, source):
            "第 \(day) 天：从\(from)到\(to)需行车 \(Units.duration(driving, .zh))（含休息），超过大巴当天可驾驶的 "
                + "\(Units.duration(limit, .zh))（24 小时内至多 \(hours) 小时，\(article(source))）；请在途中增加住宿（«hotels»、"
                + "«choose_hotels»）或增加天数"
        case let .dayTooShortForDrive(day, from, to, h, m, dayFrom, dayTo, lunch):
            "第 \(day) 天：从\(from)到\(to)需行车 \(h) 小时 \(m) 分钟，\(lunch ? "加上午餐" : "")超出每日时间 "
                + "\(dayFrom)–\(dayTo)；请在途中增加住宿（«hotels»、«choose_hotels»）、增加天数，或延长 «window»"
        case let .noneReachable(start, profile):
            "从\(start)出发，没有哪个候选地点能以\(ItineraryText.profile(profile).chinese)往返：那里的道路不相连（请换一个出发地或交通方式）"
        case let .noPlan(reason): "没有满足要求的行程：\(reason)"
        case let .budgetBelowFixedCosts(budget, kinds, amounts, pupils, least):
            "«budget_per_student» \(budget) 元低于固定费用："
                + zip(kinds, amounts).map { "\(costKindZh[$0] ?? $0) \($1) 元" }.joined(separator: "、")
                + "（\(pupils) 名学生）；预算至少应为每名学生 \(least) 元（费率见 Config/costs.yaml）"
        case .budgetPassedByMustKilometres: "没有行程能守住 «budget_per_student»：必去地点的行驶里程已超出预算"
        case let .internalBreaks(rule): "内部错误：行程违反了规定：\(rule)（请报告此请求）"
        case let .internalHours(site, reason): "地点 \(site)：\(reason)"
        }
    }
}

/// The cost kinds of a trip (`CostItem.Kind`), in Chinese.
private let costKindZh = [
    "tickets": "门票", "coach": "大巴", "coach-km": "大巴超公里", "meals": "餐费", "lodging": "住宿", "insurance": "保险",
    "guides": "讲解", "must-visit-tickets": "必去地点门票"
]

/// A rule's source as Chinese cites it: "《…》(2018) Art. 38(1)" → "《…》(2018) 第 38 条(1)".
private func article(_ source: String) -> String {
    guard let range = source.range(of: #"Art\. (\d+)"#, options: .regularExpression) else { return source }
    let number = source[range].dropFirst(5)
    return source.replacingCharacters(in: range, with: "第 \(number) 条")
}
