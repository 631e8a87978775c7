import Foundation
import NixCache
import Testing

@Suite("Nix database reader")
struct NixDatabaseTests {
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func readsWhatNixStoreQueryReports() async throws {
        let fixture = try NixStoreFixture("db")
        let (top, leaf) = try await fixture.buildClosure(tag: "db")
        let database = try fixture.database()
        let info = try #require(try database.info(top))
        #expect(info.narHash.nix32String == (try await fixture.query("--hash", top)).first)
        #expect(String(info.narSize) == (try await fixture.query("--size", top)).first)
        #expect(info.references.map(\.path) == (try await fixture.query("--references", top)).sorted())
        #expect(info.references == [leaf, top].sorted(), "self-reference included, sorted")
        #expect(info.deriver?.path == (try await fixture.query("--deriver", top)).first)
        #expect(info.ultimate, "built here")
        #expect(try database.closure(of: [top]) == [leaf, top], "references first")
        let drv = try StorePath(try #require(try await fixture.query("--deriver", top).first))
        #expect(try database.outputs(ofDerivation: drv) == [top])
        #expect(try NixStoreQuery.outputs(ofDerivation: drv, store: fixture.store) == [top])

        let file = fixture.scratch.file("added.txt")
        try Data("added\n".utf8).write(to: URL(fileURLWithPath: file))
        let added = try await fixture.add(file)
        let addedInfo = try #require(try database.info(added))
        #expect(addedInfo.ca?.hasPrefix("fixed:") == true)
        #expect(!addedInfo.ultimate)
        #expect(try database.paths(registeredAfter: 0).map(\.path).contains(added))
        #expect(try database.info(try StorePath(baseName: String(repeating: "0", count: 32) + "-missing")) == nil)
        #expect(throws: PathInfoError.self) { try database.closure(of: [try StorePath(baseName: String(repeating: "0", count: 32) + "-missing")]) }
    }

    @Test func aMissingDatabaseIsAClearError() throws {
        let error = try #require(throws: PathInfoError.self) { try NixDatabase(store: NixStore(rootDirectory: "/nonexistent-root")) }
        #expect(error.description.contains("/nonexistent-root/nix/var/nix/db/db.sqlite"))
    }
}
