import Testing
@testable import RunnerConfiguration

@Suite("Key suggestions")
struct KeySuggestionTests {
    @Test func editDistance() {
        #expect(KeySuggestion.editDistance("concurent", "concurrent") == 1)
        #expect(KeySuggestion.editDistance("nmae", "name") == 1)
        #expect(KeySuggestion.editDistance("", "abc") == 3)
        #expect(KeySuggestion.editDistance("kitten", "sitting") == 3)
    }

    @Test func closestKeys() {
        #expect(KeySuggestion.closest(to: "concurent", among: ConfigurationKeys.global) == ["concurrent"])
        #expect(KeySuggestion.closest(to: "check-interval", among: ConfigurationKeys.global) == ["check_interval"])
        #expect(KeySuggestion.closest(to: "warning", among: ["debug", "info", "warn", "error"]) == ["warn"])
        #expect(KeySuggestion.closest(to: "docker", among: ConfigurationKeys.runner).isEmpty)
        #expect(KeySuggestion.hint(for: "tokn", among: ["token", "name"]) == "did you mean `token`?")
        #expect(KeySuggestion.hint(for: "ab", among: ["ac", "ad"]) == "did you mean `ac` or `ad`?")
    }
}
