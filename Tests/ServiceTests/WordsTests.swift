import Foundation
import GeoCore
import Planner
import Testing
import Words

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct WordsTests {
    @Test(arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", Language.zh), ("en-US,en;q=0.9,zh;q=0.5", .en), ("fr, zh;q=0.1", .zh),
        ("zh-TW", .zh), ("en-GB;q=0.4, zh-Hans;q=0.7", .zh), ("de", nil), ("", nil), ("zh;q=0, en;q=0.1", .en)
    ])
    func acceptLanguagePicksTheHighestOfOurs(header: String, expected: Language?) {
        #expect(Language(acceptLanguage: header) == expected)
    }

    /// A phrase without its translation must not compile: the language files switch over every
    /// case with no `default:` to fall back on.
    @Test func languageFilesHaveNoFallback() throws {
        for file in ["English.swift", "Chinese.swift"] {
            let text = try String(
                contentsOf: projectRoot.appendingPathComponent("Sources/Words/\(file)"), encoding: .utf8)
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            #expect(!code.contains { $0.contains("default:") }, "\(file)")
            #expect(text.components(separatedBy: "switch self").count - 1 >= 7, "\(file)")
        }
    }

    /// Each face spells a field its own way inside the same sentence.
    @Test func aVoiceSpellsFieldsAndChoosesTheLanguage() {
        let reason = SkipReason.coarseLeftOut(count: 3)
        #expect(Voice(.en).say(reason).contains("include them with include_coarse, or name one with must"))
        #expect(
            Voice(.zh) { "--" + $0.replacingOccurrences(of: "_", with: "-") }.say(reason).contains("--include-coarse"))
        #expect(Voice.marked(.zh).say(reason).contains("«include_coarse»"))
        #expect(Units.duration(4_800, .zh) == "1 小时 20 分钟" && Units.duration(4_800, .en) == "1 h 20 min")
        #expect(Units.km(184_034, .zh) == "184.0 公里" && Units.km(12_345, .en) == "12.3 km")
        #expect(PrecisionClass.text("county (~30 km; county seat)", .zh) == "旗县（约 30 公里；旗县驻地）")
        #expect(PrecisionClass.text("surveyed by us", .zh) == "surveyed by us")
    }
}
