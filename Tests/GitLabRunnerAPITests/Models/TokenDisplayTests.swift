import GitLabRunnerAPI
import Testing

@Suite struct TokenDisplayTests {
    @Test func showsNineCharactersAfterThePrefix() {
        #expect(TokenDisplay.short("glrt-abcdefghijklmnop") == "abcdefghi")
        #expect(TokenDisplay.short("plainlegacytoken123") == "plainlega")
        #expect(TokenDisplay.short("glrt-abc") == "abc")
    }
}
