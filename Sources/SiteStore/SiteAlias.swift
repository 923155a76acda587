import Foundation

/// Another name a site is known by: most often the name an official list gives it, where the list
/// record was joined to a site that already had its own name (the State Council lists the relic
/// 王昭君墓; the site is 昭君墓（昭君博物院）). Search finds a site by any of its aliases.
///
/// Written as text in one column (`aliases`), entries separated by `; ` like `designations`:
/// `王昭君墓 (national-key-relic batch=6 no=Ⅱ－17); Wang Zhaojun Tomb`. A name followed by a
/// designation scheme in parentheses is that list's name for the site, with the batch and the
/// number the list gives it when known; a bare name is just another name.
public struct SiteAlias: Hashable, Sendable {
    public var name: String
    /// The list (one of `Designation.schemes`) that names the site so; nil for any other name.
    public var scheme: String?
    public var batch: Int?
    /// The number the list gives the site, as it writes it (e.g. `7-0912-3-210`, `Ⅱ－17`).
    public var number: String?

    public init(name: String, scheme: String? = nil, batch: Int? = nil, number: String? = nil) {
        self.name = name; self.scheme = scheme; self.batch = batch; self.number = number
    }

    /// True for a name an official list gives.
    public var isOfficial: Bool { scheme != nil }

    public var text: String {
        guard let scheme else { return name }
        var reference = [scheme]
        if let batch { reference.append("batch=\(batch)") }
        if let number { reference.append("no=\(number)") }
        return "\(name) (\(reference.joined(separator: " ")))"
    }

    /// The list as stored: entries joined with `; `.
    public static func text(_ list: [SiteAlias]) -> String? {
        list.isEmpty ? nil : list.map(\.text).joined(separator: "; ")
    }

    /// Parses the stored text. Parentheses that do not begin with a scheme are part of the name.
    /// - Throws: `SiteFieldError` for a list reference with a word that is not `batch=N` or `no=X`.
    public static func list(_ text: String) throws(SiteFieldError) -> [SiteAlias] {
        var out: [SiteAlias] = []
        for part in text.split(separator: ";") {
            let entry = part.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty else { continue }
            out.append(try parse(entry))
        }
        return out
    }

    private static func parse(_ entry: String) throws(SiteFieldError) -> SiteAlias {
        guard entry.hasSuffix(")"), let open = entry.range(of: " (", options: .backwards) else {
            return SiteAlias(name: entry)
        }
        let words = entry[open.upperBound..<entry.index(before: entry.endIndex)].split(separator: " ").map(String.init)
        guard let scheme = words.first, Designation.schemes.contains(scheme) else { return SiteAlias(name: entry) }
        var alias = SiteAlias(name: entry[..<open.lowerBound].trimmingCharacters(in: .whitespaces), scheme: scheme)
        for word in words.dropFirst() {
            if word.hasPrefix("batch="), let b = Int(word.dropFirst(6)), (1...100).contains(b) {
                alias.batch = b
            } else if word.hasPrefix("no="), word.count > 3 {
                alias.number = String(word.dropFirst(3))
            } else {
                throw SiteFieldError(
                    field: "aliases",
                    reason: "\"\(entry)\": '\(word)' is not batch=N or no=NUMBER (write e.g. "
                        + "\"王昭君墓 (national-key-relic batch=6 no=Ⅱ－17)\")")
            }
        }
        guard !alias.name.isEmpty else {
            throw SiteFieldError(field: "aliases", reason: "\"\(entry)\": the name before the list is missing")
        }
        return alias
    }
}
