import Kubernetes

/// A pod profile from `executors/<name>.yaml`: what every job pod of a runner gets, and what a job may
/// choose itself. The schema is documented in `docs/executors.md`.
public struct ExecutorProfile: Codable, Sendable, Equatable {
    /// The build container's image and which job `image:` values may replace it.
    public struct ImagePolicy: Codable, Sendable, Equatable {
        /// Image used when the job names none (and always, when `allowJobImage` is false).
        public var `default`: String
        /// Whether the job's `image:` replaces the default.
        public var allowJobImage: Bool
        /// Glob patterns (`*` any run of characters) a job image must match; empty means any.
        public var allowedImages: [String]

        public init(default: String, allowJobImage: Bool = true, allowedImages: [String] = []) {
            self.default = `default`
            self.allowJobImage = allowJobImage
            self.allowedImages = allowedImages
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            `default` = try c.decode(String.self, forKey: .default)
            allowJobImage = try c.decodeIfPresent(Bool.self, forKey: .allowJobImage) ?? true
            allowedImages = try c.decodeIfPresent([String].self, forKey: .allowedImages) ?? []
        }
    }

    /// Which job `services:` may run beside the build container.
    public struct ServicePolicy: Codable, Sendable, Equatable {
        /// Glob patterns a service image must match; empty forbids services.
        public var allowed: [String]

        public init(allowed: [String] = []) { self.allowed = allowed }
    }

    /// Settings of the build container.
    public struct BuildSettings: Codable, Sendable, Equatable {
        public var resources: ResourceRequirements?
        public var securityContext: SecurityContext?
        /// Public environment only: secrets reach the job through its stage scripts, never the pod spec.
        public var env: [EnvVar]?
        public var volumeMounts: [VolumeMount]?

        public init() {}
    }

    /// Pod-level settings.
    public struct PodSettings: Codable, Sendable, Equatable {
        public var nodeSelector: [String: String]?
        public var tolerations: [Toleration]?
        public var serviceAccountName: String?
        public var securityContext: PodSecurityContext?
        public var volumes: [Volume]?
        public var runtimeClassName: String?
        public var priorityClassName: String?
        public var imagePullSecrets: [LocalObjectReference]?

        public init() {}
    }

    /// Nix settings injected into the build container (`NIX_CONFIG`).
    public struct NixSettings: Codable, Sendable, Equatable {
        public var substituters: [String]
        public var trustedPublicKeys: [String]
        /// Reserved for the cache uploader beside nix builds (a later issue); parsed and kept.
        public var uploader: Bool

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            substituters = try c.decodeIfPresent([String].self, forKey: .substituters) ?? []
            trustedPublicKeys = try c.decodeIfPresent([String].self, forKey: .trustedPublicKeys) ?? []
            uploader = try c.decodeIfPresent(Bool.self, forKey: .uploader) ?? false
        }
    }

    public var name: String
    public var description: String?
    public var image: ImagePolicy
    public var services: ServicePolicy?
    public var build: BuildSettings?
    public var pod: PodSettings?
    /// Containers every job pod of this profile gets (e.g. `docker:dind`).
    public var sidecars: [Container]?
    /// Init containers run after `prepare` (e.g. seeding the Nix store volume).
    public var initContainers: [Container]?
    public var nix: NixSettings?

    /// Keys a profile may have at its top level.
    static let knownKeys: Set<String> = ["name", "description", "image", "services", "build", "pod", "sidecars", "initContainers", "nix"]
}
