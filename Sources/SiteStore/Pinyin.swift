import Foundation

/// Pinyin of Chinese names for search, through ICU's Mandarin transliteration.
enum Pinyin {
    /// "内蒙古博物院" → "nei meng gu bo wu yuan neimenggubowuyuan": spaced syllables and the
    /// run-together form, so both "bo wu" and "bowuyuan" find it. Empty for non-Chinese text.
    static func searchText(_ chinese: String) -> String {
        guard chinese.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return "" }
        guard let latin = chinese.applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() else { return "" }
        let syllables = latin.split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
        return syllables + " " + syllables.replacingOccurrences(of: " ", with: "")
    }
}
