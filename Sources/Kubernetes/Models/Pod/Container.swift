/// One container of a pod (`v1.Container`).
public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    /// Replaces the image's entrypoint.
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var env: [EnvVar]?
    public var envFrom: [EnvFromSource]?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    public var securityContext: SecurityContext?
    public var volumeMounts: [VolumeMount]?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    /// Only for init containers: `Always` makes a native sidecar.
    public var restartPolicy: String?
    public var stdin: Bool?
    public var tty: Bool?
    public var terminationMessagePolicy: String?
    /// Passed through as JSON.
    public var lifecycle: JSONValue?
    /// Passed through as JSON.
    public var readinessProbe: JSONValue?
    /// Passed through as JSON.
    public var livenessProbe: JSONValue?
    /// Passed through as JSON.
    public var startupProbe: JSONValue?

    public init(
        name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, env: [EnvVar]? = nil, envFrom: [EnvFromSource]? = nil,
        ports: [ContainerPort]? = nil, resources: ResourceRequirements? = nil,
        securityContext: SecurityContext? = nil, volumeMounts: [VolumeMount]? = nil, imagePullPolicy: String? = nil,
        restartPolicy: String? = nil, stdin: Bool? = nil, tty: Bool? = nil, terminationMessagePolicy: String? = nil,
        lifecycle: JSONValue? = nil, readinessProbe: JSONValue? = nil, livenessProbe: JSONValue? = nil,
        startupProbe: JSONValue? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.env = env
        self.envFrom = envFrom
        self.ports = ports
        self.resources = resources
        self.securityContext = securityContext
        self.volumeMounts = volumeMounts
        self.imagePullPolicy = imagePullPolicy
        self.restartPolicy = restartPolicy
        self.stdin = stdin
        self.tty = tty
        self.terminationMessagePolicy = terminationMessagePolicy
        self.lifecycle = lifecycle
        self.readinessProbe = readinessProbe
        self.livenessProbe = livenessProbe
        self.startupProbe = startupProbe
    }
}
