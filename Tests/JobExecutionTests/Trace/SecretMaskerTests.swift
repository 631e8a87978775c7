@testable import JobExecution
import Testing

@Suite struct SecretMaskerTests {
    /// Feeds `chunks` one write each, then finishes; returns everything emitted.
    static func run(_ masker: SecretMasker, _ chunks: [[UInt8]]) -> [UInt8] {
        var masker = masker
        var output: [UInt8] = []
        for chunk in chunks {
            chunk.withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
        }
        masker.finish { output.append(contentsOf: $0) }
        return output
    }

    static func run(_ masker: SecretMasker, _ text: String) -> String {
        String(decoding: run(masker, [Array(text.utf8)]), as: UTF8.self)
    }

    /// Every way of cutting `text` in two, plus byte by byte, must give the one-write output.
    static func expectSplitInvariant(_ masker: SecretMasker, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let whole = run(masker, [bytes])
        for cut in 0...bytes.count {
            let split = run(masker, [Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split == whole, "cut at \(cut)", sourceLocation: sourceLocation)
        }
        #expect(run(masker, bytes.map { [$0] }) == whole, "byte by byte", sourceLocation: sourceLocation)
    }

    /// Straightforward whole-buffer masking with the same rules, to compare the streaming masker against.
    static func reference(_ data: [UInt8], secrets: [[UInt8]], prefixes: [[UInt8]]) -> [UInt8] {
        let secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        let prefixes = prefixes.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var output: [UInt8] = []
        var index = 0
        func hasPrefix(_ value: [UInt8], at position: Int) -> Bool {
            position + value.count <= data.count && Array(data[position..<(position + value.count)]) == value
        }
        outer: while index < data.count {
            for secret in secrets where hasPrefix(secret, at: index) {
                output += Array("[MASKED]".utf8)
                index += secret.count
                continue outer
            }
            for prefix in prefixes where hasPrefix(prefix, at: index) {
                let end = index + prefix.count
                if end < data.count, SecretMasker.isWordByte(data[end]) {
                    output += prefix + Array("[MASKED]".utf8)
                    index = end
                    while index < data.count, SecretMasker.isWordByte(data[index]) { index += 1 }
                    continue outer
                }
            }
            output.append(data[index])
            index += 1
        }
        return output
    }

    @Test func masksEveryOccurrence() {
        let masker = SecretMasker(secrets: ["s3cr3tValue1234"], tokenPrefixes: [])
        #expect(Self.run(masker, "a s3cr3tValue1234 b s3cr3tValue1234s3cr3tValue1234") == "a [MASKED] b [MASKED][MASKED]")
        #expect(Self.run(masker, "s3cr3tValue123 is not it") == "s3cr3tValue123 is not it")
    }

    @Test func secretSplitAtEveryPointAcrossTwoWrites() {
        let masker = SecretMasker(secrets: ["p@ss:w0rd!"], tokenPrefixes: [])
        #expect(Self.run(masker, "login p@ss:w0rd! ok") == "login [MASKED] ok")
        Self.expectSplitInvariant(masker, "login p@ss:w0rd! ok p@ss:w0rdp@ss:w0rd!")
    }

    @Test func longestSecretWinsWhenSecretsOverlap() {
        let masker = SecretMasker(secrets: ["abc", "abcdef", "cdefgh"], tokenPrefixes: [])
        #expect(Self.run(masker, "xabcdefy") == "x[MASKED]y")
        #expect(Self.run(masker, "xabcdez") == "x[MASKED]dez")
        #expect(Self.run(masker, "xbcdefgh") == "xb[MASKED]")
        Self.expectSplitInvariant(masker, "xabcdefy xabcdez abcdefgh abcab")
        let leftmost = SecretMasker(secrets: ["abc", "bcd"], tokenPrefixes: [])
        #expect(Self.run(leftmost, "abcd") == "[MASKED]d")
    }

    @Test func holdsBackOnlyWhatCouldStartASecret() {
        var masker = SecretMasker(secrets: ["abcdef"], tokenPrefixes: [])
        #expect(masker.maximumHeldBack == 5)
        var output: [UInt8] = []
        Array("hello abcd".utf8).withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
        #expect(String(decoding: output, as: UTF8.self) == "hello ")
        Array("xyz".utf8).withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
        #expect(String(decoding: output, as: UTF8.self) == "hello abcdxyz")
        Array("abcde".utf8).withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
        #expect(String(decoding: output, as: UTF8.self) == "hello abcdxyz")
        masker.finish { output.append(contentsOf: $0) }
        #expect(String(decoding: output, as: UTF8.self) == "hello abcdxyzabcde")
    }

    @Test func secretAtTheEndIsMaskedWhenComplete() {
        var masker = SecretMasker(secrets: ["topsecret", "top"], tokenPrefixes: [])
        var output: [UInt8] = []
        Array("it is top".utf8).withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
        // "top" could still grow into "topsecret": held back until finish decides.
        #expect(String(decoding: output, as: UTF8.self) == "it is ")
        masker.finish { output.append(contentsOf: $0) }
        #expect(String(decoding: output, as: UTF8.self) == "it is [MASKED]")
    }

    @Test func tokenPrefixesKeepThePrefixAndMaskTheWord() {
        let masker = SecretMasker(secrets: [], tokenPrefixes: SecretMasker.defaultTokenPrefixes)
        #expect(Self.run(masker, "token glpat-abc_DEF-123 end") == "token glpat-[MASKED] end")
        #expect(Self.run(masker, "PRIVATE-TOKEN:glrt-t1_xYz\n") == "PRIVATE-TOKEN:glrt-[MASKED]\n")
        #expect(Self.run(masker, "Cookie: _gitlab_session=0a1b2c3d; path=/") == "Cookie: _gitlab_session=[MASKED]; path=/")
        #expect(Self.run(masker, "glcbt-64_q7Wm.rest") == "glcbt-[MASKED].rest")
        #expect(Self.run(masker, "xglpat-abc") == "xglpat-[MASKED]")
        // A prefix followed by no word character is left alone, also at the very end.
        #expect(Self.run(masker, "the glpat- prefix") == "the glpat- prefix")
        #expect(Self.run(masker, "ends with glpat-") == "ends with glpat-")
        Self.expectSplitInvariant(masker, "a glpat-abc_DEF b gldt-x glpat- c _gitlab_session=zz glrtr-q")
    }

    @Test func payloadPrefixesAreAdded() {
        let masker = SecretMasker(secrets: [], tokenPrefixes: SecretMasker.defaultTokenPrefixes + ["acme_"])
        #expect(Self.run(masker, "use acme_T0k3n now") == "use acme_[MASKED] now")
    }

    @Test func secretsWinOverTokenPrefixes() {
        let token = "glcbt-64_q7WmExampleJobToken"
        let masker = SecretMasker(secrets: [token], tokenPrefixes: SecretMasker.defaultTokenPrefixes)
        #expect(Self.run(masker, "https://gitlab-ci-token:\(token)@host/x.git") == "https://gitlab-ci-token:[MASKED]@host/x.git")
        Self.expectSplitInvariant(masker, "a \(token) b glcbt-other c")
    }

    @Test func noFalsePositives() {
        let masker = SecretMasker(secrets: ["hunter22"], tokenPrefixes: SecretMasker.defaultTokenPrefixes)
        let text = "gl glp glpa glpat gl-pat hunter2 hunter 2 _gitlab_session glrt _gitlab_session =x\n"
        #expect(Self.run(masker, text) == text)
        Self.expectSplitInvariant(masker, text)
    }

    @Test func binaryBytesPassThroughExactly() {
        let masker = SecretMasker(secrets: ["\u{1b}[31mX"], tokenPrefixes: SecretMasker.defaultTokenPrefixes)
        let bytes = (0...255).map(UInt8.init) + [0xFF, 0xFE, 0xC3] + Array("g".utf8)
        #expect(Self.run(masker, [bytes]) == bytes)
        #expect(Self.run(masker, bytes.map { [$0] }) == bytes)
        let empty = SecretMasker(secrets: [], tokenPrefixes: [])
        #expect(Self.run(empty, [bytes, [], bytes]) == bytes + bytes)
    }

    @Test func emptySecretsAreIgnored() {
        let masker = SecretMasker(secrets: ["", "ab"], tokenPrefixes: [""])
        #expect(Self.run(masker, "xaby") == "x[MASKED]y")
    }

    @Test func randomChunkingAgreesWithWholeBufferMasking() {
        var generator = SplitMix64(seed: 2024)
        let alphabet = Array("abcglpt-_ =xyz\n".utf8)
        let secrets = ["abca", "bc", "cab", "glpat-ab", "zz-z"]
        let prefixes = ["glpat-", "gl", "_gitlab_session=", "x="]
        let masker = SecretMasker(secrets: secrets, tokenPrefixes: prefixes)
        for _ in 0..<200 {
            let data = (0..<Int.random(in: 0...300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = Self.reference(data, secrets: secrets.map { Array($0.utf8) }, prefixes: prefixes.map { Array($0.utf8) })
            var chunks: [[UInt8]] = []
            var offset = 0
            while offset < data.count {
                let length = min(Int.random(in: 0...9, using: &generator), data.count - offset)
                chunks.append(Array(data[offset..<(offset + length)]))
                offset += length
            }
            #expect(Self.run(masker, chunks) == expected, "input: \(String(decoding: data, as: UTF8.self).debugDescription)")
            #expect(Self.run(masker, [data]) == expected)
        }
    }

    @Test func largeInputStaysLinear() {
        let line = Array("building target 123 with glpat-abcdefghijklmnop and API_SECRET=s3cr3tValue1234 ok\n".utf8)
        var data: [UInt8] = []
        while data.count < 4 * 1024 * 1024 { data += line }
        var masker = SecretMasker(secrets: ["s3cr3tValue1234"], tokenPrefixes: SecretMasker.defaultTokenPrefixes)
        var outputCount = 0
        var lines = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            var offset = 0
            while offset < data.count {
                let end = min(offset + 65_536 + 13, data.count)
                data[offset..<end].withUnsafeBytes { masker.process($0) { chunk in
                    outputCount += chunk.count
                    lines += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
                } }
                offset = end
            }
            masker.finish { outputCount += $0.count }
        }
        let expectedLine = "building target 123 with glpat-[MASKED] and API_SECRET=[MASKED] ok\n".utf8.count
        #expect(lines == data.count / line.count)
        #expect(outputCount == lines * expectedLine)
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
