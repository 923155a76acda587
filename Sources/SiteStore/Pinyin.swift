import Foundation
import Synchronization

/// Pinyin of Chinese names for search, through ICU's Mandarin transliteration.
///
/// ICU is slow per call (it was 40 % of a 10⁵-site import), so each Han character is
/// transliterated once and cached; names are built from the cache. Per-character pinyin loses
/// ICU's rare context rules for polyphones, which is fine for finding a name.
enum Pinyin {
    private static let cache = Mutex<[Unicode.Scalar: String]>([:])

    /// "内蒙古博物院" → "neimenggubowuyuan". Queries are compared without spaces, so "bo wu",
    /// "bowu" and "neimenggu" all find it. Empty for text without Chinese characters.
    static func compact(_ chinese: String) -> String {
        var syllables: [String] = []
        var word = ""
        for scalar in chinese.unicodeScalars {
            if isHan(scalar) {
                if !word.isEmpty { syllables.append(word); word = "" }
                syllables.append(syllable(scalar))
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                syllables.append(word); word = ""
            }
        }
        guard syllables.contains(where: { !$0.isEmpty }), chinese.unicodeScalars.contains(where: isHan) else {
            return ""
        }
        if !word.isEmpty { syllables.append(word) }
        return syllables.joined().lowercased()
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    /// Transliterates every not-yet-cached Han character of `texts` in one ICU call (ICU builds
    /// its transliterator per call, which costs far more than the characters themselves).
    static func prepare<S: Sequence>(_ texts: S) where S.Element == String {
        var missing = Set<Unicode.Scalar>()
        cache.withLock { known in
            for text in texts { for s in text.unicodeScalars where isHan(s) && known[s] == nil { missing.insert(s) } }
        }
        guard !missing.isEmpty else { return }
        let ordered = Array(missing)
        let joined = ordered.map { String($0) }.joined(separator: "\n")
        guard
            let latin = joined.applyingTransform(.mandarinToLatin, reverse: false)?
                .applyingTransform(.stripDiacritics, reverse: false)?.lowercased()
        else { return }
        let lines = latin.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == ordered.count else { return } // fall back to one call per character
        cache.withLock { known in
            for (scalar, line) in zip(ordered, lines) {
                known[scalar] = String(line.unicodeScalars.filter { $0.properties.isAlphabetic })
            }
        }
    }

    private static func syllable(_ scalar: Unicode.Scalar) -> String {
        if let known = cache.withLock({ $0[scalar] }) { return known }
        let latin =
            String(scalar).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
        let clean = String(latin.unicodeScalars.filter { $0.properties.isAlphabetic })
        cache.withLock { $0[scalar] = clean }
        return clean
    }
}
