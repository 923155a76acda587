/// Numbers with their units, dates' weekdays and lists, as each language writes them.
public enum Units {
    /// `12.3 km` / `12.3 公里`.
    public static func km(_ meters: Double, _ language: Language) -> String {
        let value = (meters / 100).rounded() / 10
        let text = value == value.rounded() ? "\(Int(value)).0" : "\(value)"
        return language == .zh ? "\(text) 公里" : "\(text) km"
    }

    /// `1 h 20 min` / `1 小时 20 分钟` (rounded to the minute).
    public static func duration(_ seconds: Double, _ language: Language) -> String {
        let m = Int((seconds / 60).rounded())
        let (h, rest) = (m / 60, m % 60)
        switch language {
        case .en: return h == 0 ? "\(m) min" : rest == 0 ? "\(h) h" : "\(h) h \(rest) min"
        case .zh: return h == 0 ? "\(m) 分钟" : rest == 0 ? "\(h) 小时" : "\(h) 小时 \(rest) 分钟"
        }
    }

    /// `45 min` / `45 分钟` for whole minutes.
    public static func minutes(_ minutes: Int, _ language: Language) -> String {
        language == .zh ? "\(minutes) 分钟" : "\(minutes) min"
    }

    /// The weekday of index 0 (Monday) … 6 (Sunday).
    public static func weekday(_ index: Int, _ language: Language) -> String {
        let names =
            language == .zh
            ? ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return names[(index % 7 + 7) % 7]
    }

    /// Items of a sentence's list: `a, b, c` / `a、b、c`.
    public static func list(_ items: [String], _ language: Language) -> String {
        items.joined(separator: language == .zh ? "、" : ", ")
    }

    /// Parts of one clause: `a, b` / `a，b`.
    public static func comma(_ language: Language) -> String { language == .zh ? "，" : ", " }

    /// Sentences or clauses in a row: `a; b` / `a；b`.
    public static func clauses(_ items: [String], _ language: Language) -> String {
        items.joined(separator: language == .zh ? "；" : "; ")
    }
}
