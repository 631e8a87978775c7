#if canImport(Glibc)
import Glibc
#endif

/// Version facts of this build, reported to GitLab and exported to jobs.
public enum FlywheelBuild {
    /// Semantic version of flywheel.
    public static let version = "0.1.0"

    /// Git revision of the build: `FLYWHEEL_REVISION` from the environment (set by the image build), else `dev`.
    public static var revision: String {
        if let value = getenv("FLYWHEEL_REVISION") { return String(cString: value) }
        return "dev"
    }

    /// GOARCH-style architecture name (`amd64`, `arm64`).
    public static var architecture: String {
        #if arch(x86_64)
        "amd64"
        #elseif arch(arm64)
        "arm64"
        #else
        "unknown"
        #endif
    }

    /// The `User-Agent` of every request.
    public static var userAgent: String { "flywheel \(version) (\(revision); linux/\(architecture))" }
}
