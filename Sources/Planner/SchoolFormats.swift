import Foundation

/// The group and its costs in the text and Markdown itineraries, and the two papers a school
/// hands in: the parents' notice (家长告知书) and the filing sheet (备案表), in Chinese or English.
/// Every rule and price names its source; what only the school knows is left blank and marked.
extension TripItinerary {
    static func cny(_ x: Double) -> String {
        let s = String(format: "%.2f", x)
        guard let dot = s.firstIndex(of: ".") else { return s }
        var whole = String(s[..<dot])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var grouped = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + s[dot...]
    }

    static func quantity(_ q: Double) -> String { q == q.rounded() ? String(Int(q)) : String(format: "%.1f", q) }

    func roleName(_ role: StaffMinimum.Role, _ zh: Bool) -> String {
        let names = SchoolReport.roleNames[role]!
        return zh ? names.1 : names.0
    }

    func kindName(_ k: CostItem.Kind, _ zh: Bool) -> String {
        let names: [CostItem.Kind: (String, String)] = [
            .tickets: ("Tickets", "门票"), .coach: ("Coach hire (with driver)", "大巴租车（含司机）"),
            .coachKm: ("Coach kilometres beyond the included distance", "超出包含里程的大巴里程费"),
            .meals: ("Meals", "餐费"), .lodging: ("Lodging", "住宿"), .insurance: ("Accident insurance", "意外保险"),
            .guides: ("Guides (study tutors)", "导游（研学导师）")
        ]
        return zh ? names[k]!.1 : names[k]!.0
    }

    /// One line about the group, one about the staff, and the costs: for the text itinerary.
    func groupText() -> String {
        guard let g = group else { return "" }
        var out = "Group: \(groupLine(g, zh: false)).\n"
        if !g.ratios.isEmpty {
            out +=
                "Staff: "
                + g.ratios.map {
                    "\(roleName($0.role, false)) \($0.count) (at least \($0.required)\($0.ok ? "" : ", too few"))"
                }
                .joined(separator: ", ") + ".\n"
        }
        guard let c = costs else { return out }
        out += "Costs (CNY):\n"
        out += "  day  " + pad("item", 56) + "  quantity          unit price       amount  source\n"
        for i in c.items {
            out +=
                "  \(i.day + 1)    " + pad(i.item, 56) + "  "
                + "\(TripItinerary.quantity(i.quantity)) \(i.unit)".padding(toLength: 16, withPad: " ", startingAt: 0)
                + TripItinerary.cny(i.unitCNY).leftPadded(12) + TripItinerary.cny(i.amountCNY).leftPadded(13)
                + "  \(i.source)\n"
        }
        out += "Total \(TripItinerary.cny(c.totalCNY)) CNY; per pupil \(TripItinerary.cny(c.perStudentCNY)) CNY"
        out += c.isLowerBound ? " (a lower bound: \(unknownLine(c, zh: false)))" : ""
        return out + ".\n"
    }

    func groupLine(_ g: GroupSummary, zh: Bool) -> String {
        let p = g.group
        if zh {
            var s = "学生 \(p.students) 人\(p.grade.map { "（\($0) 年级）" } ?? "")，带队教师 \(p.teachers) 人、安全员 "
            s += "\(p.safetyOfficers) 人、导游（研学导师）\(p.guides) 人，共 \(g.people) 人"
            if let coaches = g.coaches { s += "；大巴 \(coaches) 辆（每辆 \(g.seatsPerCoach) 个乘客座位，一人一座）" }
            return s
        }
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        var s = "\(n(p.students, "pupil"))\(p.grade.map { " (grade \($0))" } ?? ""), \(n(p.teachers, "teacher")), "
        s += "\(n(p.safetyOfficers, "safety officer")), \(n(p.guides, "guide")): "
        s += g.people == 1 ? "1 person" : "\(g.people) people"
        if let coaches = g.coaches {
            s += "; \(coaches) coach\(coaches == 1 ? "" : "es") of \(g.seatsPerCoach) passenger seats (one seat each; "
            s += "seats: \(g.seatsSource))"
        }
        return s
    }

    func unknownLine(_ c: CostEstimate, zh: Bool) -> String {
        zh
            ? "\(c.pricedSites) 个参观地点中 \(c.unknownPrices.count) 个门票价格未知，未计入"
            : "ticket prices unknown for \(c.unknownPrices.count) of \(c.pricedSites) sites, not counted"
    }

    /// The group and costs section of the printable itinerary.
    func groupMarkdown(_ zh: Bool) -> String {
        guard let g = group else { return "" }
        var out = zh ? "## 团队与费用\n\n" : "## Group and costs\n\n"
        out += "- " + groupLine(g, zh: zh) + "\n"
        for r in g.ratios {
            out +=
                zh
                ? "- \(roleName(r.role, true))：\(r.count) 人，至少 \(r.required) 人\(r.ok ? "" : "（不足）")（\(r.source)）\n"
                : "- \(roleName(r.role, false)): \(r.count), at least \(r.required)\(r.ok ? "" : " (too few)") "
                    + "(\(r.source))\n"
        }
        if let c = costs { out += "\n" + costTable(c, zh: zh, sources: true) }
        return out + "\n"
    }

    func costTable(_ c: CostEstimate, zh: Bool, sources: Bool) -> String {
        var out =
            zh
            ? "| 天 | 项目 | 数量 | 单价（元） | 金额（元） |\(sources ? " 来源 |" : "")\n"
                + "|---|---|---|---|---|\(sources ? "---|" : "")\n"
            : "| Day | Item | Quantity | Unit price (CNY) | Amount (CNY) |\(sources ? " Source |" : "")\n"
                + "|---|---|---|---|---|\(sources ? "---|" : "")\n"
        for i in c.items {
            let what = (zh ? i.itemZh : i.item).replacingOccurrences(of: "|", with: "/")
            out +=
                "| \(i.day + 1) | \(what) | \(TripItinerary.quantity(i.quantity)) \(i.unit) | "
                + "\(TripItinerary.cny(i.unitCNY)) | \(TripItinerary.cny(i.amountCNY)) |"
                + (sources ? " \(i.source.replacingOccurrences(of: "|", with: "/")) |" : "") + "\n"
        }
        out +=
            zh
            ? "\n合计 \(TripItinerary.cny(c.totalCNY)) 元，每名学生 \(TripItinerary.cny(c.perStudentCNY)) 元"
            : "\nTotal \(TripItinerary.cny(c.totalCNY)) CNY, per pupil \(TripItinerary.cny(c.perStudentCNY)) CNY"
        if c.isLowerBound {
            out +=
                zh
                ? "（最低估计：\(unknownLine(c, zh: true))：\(c.unknownPrices.joined(separator: "、"))）"
                : " (a lower bound: \(unknownLine(c, zh: false)): \(c.unknownPrices.joined(separator: ", ")))"
        }
        return out + (zh ? "。\n" : ".\n")
    }

    // MARK: the papers

    static let blank = "＿＿＿＿＿＿"

    func dateRange(_ zh: Bool) -> String {
        let last = firstDate.adding(days: days.count - 1)
        let wd = zh ? LocalDateNames.weekdayZh : LocalDateNames.weekdayEn
        let a = "\(firstDate)（\(wd[firstDate.weekday])）", b = "\(last)（\(wd[last.weekday])）"
        if zh { return days.count == 1 ? a : "\(a)至 \(b)，共 \(days.count) 天" }
        return days.count == 1
            ? "\(firstDate) (\(wd[firstDate.weekday]))"
            : "\(firstDate) (\(wd[firstDate.weekday])) to \(last) (\(wd[last.weekday])), \(days.count) days"
    }

    /// Each day's schedule as a table: times, places, what happens.
    func scheduleTables(_ zh: Bool) -> String {
        var out = ""
        for day in days {
            let wd = zh ? LocalDateNames.weekdayZh[day.date.weekday] : LocalDateNames.weekdayEn[day.date.weekday]
            out +=
                zh
                ? "### 第 \(day.index + 1) 天 · \(day.date)（\(wd)）\n\n| 时间 | 地点 | 安排 |\n|---|---|---|\n"
                : "### Day \(day.index + 1) · \(day.date) (\(wd))\n\n| Time | Place | What |\n|---|---|---|\n"
            for s in day.stops {
                let place = name(s, zh ? .zh : .en).replacingOccurrences(of: "|", with: "/")
                let drive =
                    s.leg.map {
                        let km = String(format: "%.0f", $0.distanceM / 1000)
                        return zh
                            ? "车程 \(TripItinerary.minutesZh($0.durationS))，\(km) 公里"
                            : "drive \(TripItinerary.minutes($0.durationS)), \(km) km"
                    } ?? ""
                switch s.kind {
                case .start:
                    out += "| \(clock(s.depart)) | \(place) | \(zh ? "集合出发" : "leave") |\n"
                case .end:
                    out += "| \(clock(s.arrive)) | \(place) | \(zh ? "到达" : "arrive")（\(drive)） |\n"
                case .lunch:
                    let at =
                        s.label.hasPrefix("lunch at ") ? String(s.label.dropFirst(9)) : (zh ? "途中就近" : "on the way")
                    out += "| \(clock(s.arrive + s.waiting))–\(clock(s.depart)) | \(at) | \(zh ? "午餐" : "lunch") |\n"
                case .visit:
                    var what = zh ? "参观研学" : "visit"
                    if let w = s.waves { what += zh ? "（分 \(w) 批）" : " (in \(w) waves)" }
                    if !drive.isEmpty { what += zh ? "；\(drive)" : "; \(drive)" }
                    out += "| \(clock(s.arrive + s.waiting))–\(clock(s.depart)) | \(place) | \(what) |\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// 家长告知书: dates, each day's schedule, coaches, costs per pupil item by item, what is
    /// included, what to bring, safety notes, contacts left blank, a reply slip.
    func parentNotice(_ language: PlanLanguage) -> String {
        let zh = language == .zh
        var out = zh ? "# 研学旅行家长告知书\n\n尊敬的家长：\n\n" : "# Study trip: notice to parents\n\nDear parents,\n\n"
        let g = group
        if zh {
            out += "学校定于 \(dateRange(true))组织研学旅行"
            out += g.map { "：\(groupLine($0, zh: true))" } ?? ""
            out += "。现将行程、费用和注意事项告知如下，请阅读后填写回执。\n\n"
        } else {
            out += "The school will take the pupils on a study trip on \(dateRange(false))"
            out += g.map { ": \(groupLine($0, zh: false))" } ?? ""
            out += ". The schedule, the costs and what to note are below; please return the slip at the end.\n\n"
        }
        out += zh ? "## 行程安排\n\n" : "## Schedule\n\n"
        out += scheduleTables(zh)
        out += zh ? "## 费用（每名学生）\n\n" : "## Costs per pupil\n\n"
        if let c = costs, let g {
            out += zh ? "| 项目 | 金额（元） |\n|---|---|\n" : "| Item | Amount (CNY) |\n|---|---|\n"
            let students = Double(max(1, g.group.students))
            for (kind, amount) in c.byKind {
                out += "| \(kindName(kind, zh)) | \(TripItinerary.cny((amount / students * 100).rounded() / 100)) |\n"
            }
            out += "| **\(zh ? "合计" : "Total")** | **\(TripItinerary.cny(c.perStudentCNY))** |\n\n"
            out +=
                zh
                ? "全团费用合计 \(TripItinerary.cny(c.totalCNY)) 元，按学生人数分摊（含带队人员费用）。各项单价及来源见备案表。"
                : "The whole group's costs, \(TripItinerary.cny(c.totalCNY)) CNY, shared among the pupils (staff "
                    + "costs included). Unit prices and their sources are in the filing sheet."
            if c.isLowerBound {
                out +=
                    zh
                    ? "\(unknownLine(c, zh: true))，实际费用可能更高。"
                    : " \(unknownLine(c, zh: false).prefix(1).uppercased() + unknownLine(c, zh: false).dropFirst()): "
                        + "the real cost may be higher."
            }
            out += "\n\n"
            out += zh ? "**费用包含：**" : "**Included:** "
            out += c.byKind.map { kindName($0.kind, zh) }.joined(separator: zh ? "、" : ", ")
            out += zh ? "。\n\n" : ".\n\n"
        } else {
            out += zh ? "费用：\(Self.blank)（待填）\n\n" : "Costs: \(Self.blank) (to fill in)\n\n"
        }
        out += zh ? "## 请携带\n\n" : "## What to bring\n\n"
        out +=
            zh
            ? "- 学生证或身份证（门票优惠须出示有效证件，发改价格〔2012〕283号）\n- 水杯、防晒用品、雨具、常用药品\n"
                + "- 便于步行的鞋和适合季节的衣物（早晚温差可能较大）\n- 其他：\(Self.blank)（待填）\n\n"
            : "- Student card or ID card (needed for pupils' ticket concessions, 发改价格〔2012〕283号)\n"
                + "- Water bottle, sun protection, rain gear, usual medicines\n"
                + "- Shoes for walking and clothes for the season (mornings and evenings can be cold)\n"
                + "- Other: \(Self.blank) (to fill in)\n\n"
        out += zh ? "## 安全须知\n\n" : "## Safety\n\n"
        out +=
            zh
            ? "- 全程听从带队教师和安全员的安排，不擅自离队；集合时间以带队教师通知为准。\n"
                + "- 乘车时系好安全带（《道路交通安全法》第五十一条），不在车内走动。\n"
                + "- 每人一个座位，车辆不超员（《道路交通安全法》第四十九条）。\n"
                + "- 大巴驾驶时间遵守《道路旅客运输企业安全管理规范》第三十八条（连续驾驶不超过 4 小时、"
                + "24 小时内不超过 8 小时等），途中安排休息。\n"
                + "- 身体不适或有特殊饮食、用药需要，请在回执中注明。\n\n"
            : "- Follow the teachers and safety officers at all times; never leave the group.\n"
                + "- Wear the seat belt on the coach (Road Traffic Safety Law Art. 51) and stay seated.\n"
                + "- One seat each; no coach carries more than its rated number (Art. 49).\n"
                + "- Coach driving keeps to the driving-time law (《道路旅客运输企业安全管理规范》 Art. 38: at most 4 h "
                + "at a time, 8 h in 24 h); rests are planned on the way.\n"
                + "- Note any illness, diet or medicine on the reply slip.\n\n"
        out += zh ? "## 联系方式\n\n" : "## Contacts\n\n"
        out +=
            zh
            ? "- 带队教师：\(Self.blank)　电话：\(Self.blank)\n- 学校联系人：\(Self.blank)　电话：\(Self.blank)\n"
                + "- 承办机构：\(Self.blank)　电话：\(Self.blank)\n\n"
            : "- Lead teacher: \(Self.blank)  Phone: \(Self.blank)\n"
                + "- School contact: \(Self.blank)  Phone: \(Self.blank)\n"
                + "- Organiser (travel agency): \(Self.blank)  Phone: \(Self.blank)\n\n"
        out += zh ? "## 回执\n\n" : "## Reply slip\n\n"
        out +=
            zh
            ? "学生姓名：\(Self.blank)　班级：\(Self.blank)\n\n□ 同意参加　□ 不参加\n\n健康、饮食或用药情况：\(Self.blank)\n\n"
                + "家长签名：\(Self.blank)　电话：\(Self.blank)　日期：\(Self.blank)\n"
            : "Pupil: \(Self.blank)  Class: \(Self.blank)\n\n□ Yes, my child takes part  □ No\n\n"
                + "Health, diet or medicine: \(Self.blank)\n\nParent's signature: \(Self.blank)  Phone: \(Self.blank)  "
                + "Date: \(Self.blank)\n"
        return out
    }

    /// 备案表: organiser, dates, group and staff with ratios, route and daily schedule, vehicles
    /// and the driving-time check, costs, insurance, emergency plan; blank fields marked.
    func filingSheet(_ language: PlanLanguage) -> String {
        let zh = language == .zh
        let fill = zh ? "\(Self.blank)（待填）" : "\(Self.blank) (to fill in)"
        var out = zh ? "# 中小学生研学旅行备案表\n\n" : "# Study trip filing sheet\n\n"
        out +=
            zh
            ? "依据：《关于推进中小学生研学旅行的意见》（教基一〔2016〕8号）“行前有备案”。\n\n"
            : "Filed before the trip with the education authority, as 教基一〔2016〕8号 asks (行前有备案).\n\n"
        out += zh ? "## 基本信息\n\n| 项目 | 内容 |\n|---|---|\n" : "## The trip\n\n| Field | Entry |\n|---|---|\n"
        let rows: [(String, String, String)] = [
            ("组织学校", "School (organiser)", fill), ("承办机构及资质", "Organiser (agency) and licence", fill),
            ("负责人及电话", "Person in charge, phone", fill), ("行程日期", "Dates", dateRange(zh)),
            (
                "出发地", "Start",
                days.first?.stops.first.map { name($0, language) } ?? fill
            )
        ]
        for (z, e, v) in rows { out += "| \(zh ? z : e) | \(v.replacingOccurrences(of: "|", with: "/")) |\n" }
        if let g = group {
            out += "| \(zh ? "参加人员" : "People") | \(groupLine(g, zh: zh)) |\n"
        } else {
            out += "| \(zh ? "参加人员" : "People") | \(fill) |\n"
        }
        out += "\n"
        if let g = group, !g.ratios.isEmpty {
            out +=
                zh
                ? "## 人员配备\n\n| 岗位 | 人数 | 最低要求 | 是否满足 | 依据 |\n|---|---|---|---|---|\n"
                : "## Staff\n\n| Role | Count | Minimum | Met | Basis |\n|---|---|---|---|---|\n"
            for r in g.ratios {
                out +=
                    "| \(roleName(r.role, zh)) | \(r.count) | \(r.required) | "
                    + "\(r.ok ? (zh ? "是" : "yes") : (zh ? "否" : "no")) "
                    + "| \(r.source) |\n"
            }
            out += "\n"
        }
        out += zh ? "## 线路与日程\n\n" : "## Route and daily schedule\n\n"
        out += scheduleTables(zh)
        out += zh ? "## 车辆与驾驶时间核查\n\n" : "## Vehicles and the driving-time check\n\n"
        if let coaches = group?.coaches {
            out +=
                zh
                ? "- 大巴 \(coaches) 辆，每辆 \(group!.seatsPerCoach) 个乘客座位；车牌号：\(fill)；驾驶员及从业资格证号：\(fill)\n"
                : "- \(coaches) coach(es) of \(group!.seatsPerCoach) passenger seats; plates: \(fill); drivers and "
                    + "licence numbers: \(fill)\n"
        }
        out +=
            zh
            ? "\n| 天 | 行驶里程 | 行车时间（含休息） | 途中休息 | 最长一段 |\n|---|---|---|---|---|\n"
            : "\n| Day | Distance | Driving (rests included) | Rests | Longest leg |\n|---|---|---|---|---|\n"
        for day in days {
            let legs = day.stops.compactMap(\.leg)
            let longest = legs.map(\.durationS).max() ?? 0
            out +=
                "| \(day.index + 1) | \(String(format: "%.0f", day.distanceM / 1000)) km | "
                + "\(zh ? TripItinerary.minutesZh(day.drivingS) : TripItinerary.minutes(day.drivingS)) | "
                + "\(legs.reduce(0) { $0 + $1.rests }) | "
                + "\(zh ? TripItinerary.minutesZh(longest) : TripItinerary.minutes(longest)) |\n"
        }
        let lawBroken = violations.filter {
            [.drivingRule, .nightContinuous, .noRunning, .driving24h, .driving7Days].contains($0.rule)
        }
        out +=
            zh
            ? "\n核查依据：《道路旅客运输企业安全管理规范》（2018）第三十八条：日间连续驾驶不超过 4 小时、夜间不超过 2 小时，"
                + "每次休息不少于 20 分钟；24 小时内累计不超过 8 小时；任意连续 7 日不超过 44 小时；凌晨 2 时至 5 时停止运行。\n\n"
            : "\nChecked against 《道路旅客运输企业安全管理规范》 (2018) Art. 38: at most 4 h at a time by day and 2 h at "
                + "night, rests of at least 20 min; at most 8 h in 24 h and 44 h in any 7 days; no running "
                + "02:00–05:00.\n\n"
        if lawBroken.isEmpty {
            out += zh ? "核查结果：符合。\n" : "Result: every limit kept.\n"
        } else {
            out += zh ? "核查结果：**不符合**\n\n" : "Result: **limits broken**\n\n"
            for v in lawBroken { out += "- " + (zh ? "第 \((v.day ?? 0) + 1) 天：\(v.messageZh)" : "\(v)") + "\n" }
        }
        for w in warnings where [.nightDriving, .considerRail].contains(w.rule) {
            out += "- " + (zh ? "提示：\(w.messageZh)" : "Note: \(w.message)") + "\n"
        }
        out += "\n"
        out += zh ? "## 费用\n\n" : "## Costs\n\n"
        out += costs.map { costTable($0, zh: zh, sources: true) } ?? fill + "\n"
        out += "\n"
        out += zh ? "## 保险\n\n" : "## Insurance\n\n"
        if let c = costs, let ins = c.items.first(where: { $0.kind == .insurance }) {
            out +=
                zh
                ? "- 意外保险：每人每天 \(TripItinerary.cny(ins.unitCNY)) 元（\(ins.source)）\n"
                : "- Accident insurance: \(TripItinerary.cny(ins.unitCNY)) CNY per person-day (\(ins.source))\n"
        }
        out +=
            zh
            ? "- 承保公司：\(fill)　保单号：\(fill)\n- 旅行社责任险：\(fill)\n\n"
            : "- Insurer: \(fill)  Policy number: \(fill)\n- Agency liability insurance: \(fill)\n\n"
        out += zh ? "## 应急预案\n\n" : "## Emergency plan\n\n"
        out +=
            zh
            ? "- 应急负责人及电话：\(fill)\n- 沿途就近医院：\(fill)\n- 备用车辆：\(fill)\n"
                + "- 天气、道路中断时的调整方案：\(fill)\n- 学生走失、伤病的处置流程：\(fill)\n\n"
            : "- Person in charge in an emergency, phone: \(fill)\n- Hospitals on the way: \(fill)\n"
                + "- Spare coach: \(fill)\n- If weather or roads close: \(fill)\n"
                + "- If a pupil is lost, ill or hurt: \(fill)\n\n"
        if !violations.isEmpty || !warnings.isEmpty {
            out += zh ? "## 其他需注意事项\n\n" : "## Other points to note\n\n"
            for v in violations where !lawBroken.contains(v) {
                out += "- " + (zh ? (v.day.map { "第 \($0 + 1) 天：" } ?? "") + v.messageZh : "\(v)") + "\n"
            }
            for w in warnings where ![.nightDriving, .considerRail].contains(w.rule) {
                out += "- " + (zh ? w.messageZh : w.message) + "\n"
            }
            out += "\n"
        }
        out += zh ? "## 审核\n\n" : "## Approval\n\n"
        out +=
            zh
            ? "学校负责人签字：\(Self.blank)　日期：\(Self.blank)\n\n教育行政部门意见：\(Self.blank)　盖章：\(Self.blank)\n"
            : "Head of school: \(Self.blank)  Date: \(Self.blank)\n\nEducation authority: \(Self.blank)  Stamp: "
                + "\(Self.blank)\n"
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
