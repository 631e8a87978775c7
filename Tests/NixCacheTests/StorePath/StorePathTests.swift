import Foundation
import NixCache
import Testing

@Suite("Store paths")
struct StorePathTests {
    static let hash = "zr2knphxg8yyy2mkq8akf2hfknjvdiz7"

    @Test func parsesFullPath() throws {
        let path = try StorePath("/nix/store/\(Self.hash)-hello-2.12.1")
        #expect(path.hashPart == Self.hash)
        #expect(path.name == "hello-2.12.1")
        #expect(path.baseName == "\(Self.hash)-hello-2.12.1")
        #expect(path.path == "/nix/store/\(Self.hash)-hello-2.12.1")
        #expect(path.description == path.path)
        #expect(try StorePath(baseName: path.baseName) == path)
    }

    @Test(arguments: ["a", "x.drv", "foo+bar", "a_b", "q?=1", ".hidden", "..two", "...", "-leading-dash",
                      String(repeating: "n", count: 211)])
    func acceptsValidNames(_ name: String) throws {
        #expect(try StorePath(baseName: "\(Self.hash)-\(name)").name == name)
    }

    @Test func otherStoreDirectories() throws {
        let path = try StorePath("/tmp/store/\(Self.hash)-x", storeDirectory: "/tmp/store")
        #expect(path.path == "/tmp/store/\(Self.hash)-x")
        #expect(throws: StorePathError.notInStore(path: "/tmp/store/\(Self.hash)-x", storeDirectory: "/nix/store")) {
            try StorePath("/tmp/store/\(Self.hash)-x")
        }
    }

    @Test func validationErrors() throws {
        let h = Self.hash
        #expect(throws: StorePathError.notInStore(path: "/nix/stor/\(h)-x", storeDirectory: "/nix/store")) {
            try StorePath("/nix/stor/\(h)-x")
        }
        #expect(throws: StorePathError.containsSlash("/nix/store/\(h)-x/bin/sh")) { try StorePath("/nix/store/\(h)-x/bin/sh") }
        #expect(throws: StorePathError.missingHashPart("abc-x")) { try StorePath(baseName: "abc-x") }
        #expect(throws: StorePathError.missingHashPart(h)) { try StorePath(baseName: h) }
        #expect(throws: StorePathError.missingHashPart("\(h)x")) { try StorePath(baseName: "\(h)x") }
        #expect(throws: StorePathError.emptyName("\(h)-")) { try StorePath(baseName: "\(h)-") }
        let badHash = "e" + h.dropFirst()
        #expect(throws: StorePathError.invalidHashCharacter("\(badHash)-x", character: "e", offset: 0)) {
            try StorePath(baseName: "\(badHash)-x")
        }
        let upper = h.uppercased()
        #expect(throws: StorePathError.self) { try StorePath(baseName: "\(upper)-x") }
        let long = String(repeating: "n", count: 212)
        #expect(throws: StorePathError.nameTooLong("\(h)-\(long)", length: 212)) { try StorePath(baseName: "\(h)-\(long)") }
        for bad in ["a b", "a~b", "ä", "a:b", "a@b", "a\nb"] {
            #expect(throws: StorePathError.self, "\(bad)") { try StorePath(baseName: "\(h)-\(bad)") }
        }
        for reserved in [".", "..", ".-x", "..-x"] {
            #expect(throws: StorePathError.reservedName("\(h)-\(reserved)")) { try StorePath(baseName: "\(h)-\(reserved)") }
        }
    }

    @Test func errorMessagesSayWhatIsWrong() {
        let error = #expect(throws: StorePathError.self) { try StorePath("/nix/store/\(Self.hash)-a b") }
        #expect(error?.description.contains("' ' is not allowed") == true)
    }

    @Test func sortsByteWise() throws {
        let names = ["b", "B", "a", "A-1", "A", "_", "0"]
        let paths = try names.map { try StorePath(baseName: "\(Self.hash)-\($0)") }
        #expect(paths.sorted().map(\.name) == ["0", "A", "A-1", "B", "_", "a", "b"])
        let first = try StorePath(baseName: "0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-z")
        #expect(first < paths[0])
    }
}
