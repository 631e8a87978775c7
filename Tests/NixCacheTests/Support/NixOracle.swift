import Foundation

/// What real Nix says about a path: the reference the NAR writer must match.
enum NixOracle {
    static let unavailable = "needs nix-bin (apt install nix-bin)"

    /// `nix-store --dump path`, in memory (small trees only).
    static func dump(_ path: String) throws -> [UInt8] {
        Array(try ExternalTool.check(ExternalTool.nixStore!, ["--dump", path]).standardOutput)
    }

    /// `nix-hash --type sha256 --base32 path`: SHA-256 of the NAR, nix32.
    static func narHash(_ path: String) throws -> String {
        try ExternalTool.check(ExternalTool.nixHash!, ["--type", "sha256", "--base32", path]).trimmed
    }
}
