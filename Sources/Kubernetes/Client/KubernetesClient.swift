import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The Kubernetes API over HTTP (notes §1): typed CRUD on namespaced resources, resumable watches and log
/// follows, retries per ``KubernetesRetryPolicy``, and credentials refreshed on 401.
///
/// Usage:
/// ```swift
/// let configuration = try KubernetesConfiguration.load()
/// let kube = try KubernetesClient(configuration: configuration, httpClient: http, logger: logger)
/// let pod = try await kube.create(Pod(metadata: ObjectMeta(name: "job-1"), spec: spec), namespace: "ci")
/// for try await update in kube.watch(Pod.self, namespace: "ci", options: WatchOptions(fieldSelector: "metadata.name=job-1")) { … }
/// ```
///
/// Tokens travel only in the `Authorization` header and are never logged.
public struct KubernetesClient: KubernetesAPI {
    let transport: any KubernetesTransport
    let credentials: any KubernetesCredentialProvider
    public let defaultNamespace: String
    let retry: KubernetesRetryPolicy
    let logger: Logger
    /// How long to wait for an answer's head.
    let requestTimeout: Duration
    let userAgent: String

    /// A client for the API server `configuration` describes, on a shared `HTTPClient`.
    ///
    /// With an `http://` server no credentials are sent (as kubectl does); that is only for local test doubles.
    /// - Throws: ``KubernetesConfigurationError`` when the TLS material cannot be read.
    public init(
        configuration: KubernetesConfiguration, httpClient: HTTPClient, retry: KubernetesRetryPolicy = KubernetesRetryPolicy(),
        requestTimeout: Duration = .seconds(60), userAgent: String = "flywheel", logger: Logger = Logger(label: "flywheel.kubernetes")
    ) throws {
        let transport = try AsyncHTTPClientTransport(httpClient: httpClient, server: configuration.server, tls: configuration.tls)
        if !configuration.usesTLS {
            logger.debug("the API server is plain HTTP; no credentials will be sent", metadata: ["server": "\(configuration.server)"])
        }
        self.init(
            transport: transport, credentials: configuration.usesTLS ? configuration.credentials : StaticCredentialProvider(),
            defaultNamespace: configuration.namespace, retry: retry, requestTimeout: requestTimeout, userAgent: userAgent, logger: logger
        )
    }

    /// A client on any transport (a scripted one in tests).
    public init(
        transport: any KubernetesTransport, credentials: any KubernetesCredentialProvider = StaticCredentialProvider(),
        defaultNamespace: String = "default", retry: KubernetesRetryPolicy = KubernetesRetryPolicy(), requestTimeout: Duration = .seconds(60),
        userAgent: String = "flywheel", logger: Logger = Logger(label: "flywheel.kubernetes")
    ) {
        self.transport = transport
        self.credentials = credentials
        self.defaultNamespace = defaultNamespace
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
        self.logger = logger
    }

    // MARK: KubernetesAPI

    public func get<Object: KubernetesResource>(_ type: Object.Type, name: String, namespace: String) async throws -> Object {
        let request = APIRequest(method: .GET, path: Object.objectPath(name: name, namespace: namespace), idempotent: true)
        return try decode(Object.self, from: try await call(request), operation: request.operation)
    }

    public func list<Object: KubernetesResource>(_ type: Object.Type, namespace: String, options: ListOptions) async throws -> ObjectList<Object> {
        let path = KubernetesPath.withQuery(Object.collectionPath(namespace: namespace), options.queryItems)
        let request = APIRequest(method: .GET, path: path, idempotent: true)
        var list = try decode(ObjectList<Object>.self, from: try await call(request), operation: request.operation)
        // A real API server leaves `kind`/`apiVersion` off list items; put them back so items can be sent again.
        for index in list.items.indices {
            list.items[index].apiVersion = list.items[index].apiVersion ?? Object.apiVersion
            list.items[index].kind = list.items[index].kind ?? Object.kind
        }
        return list
    }

    public func replace<Object: KubernetesResource>(_ object: Object, namespace: String) async throws -> Object {
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubernetesClientError(code: .invalidArgument, operation: "PUT \(Object.collectionPath(namespace: namespace))", message: "the object has no metadata.name")
        }
        var object = object
        object.apiVersion = object.apiVersion ?? Object.apiVersion
        object.kind = object.kind ?? Object.kind
        let request = APIRequest(
            method: .PUT, path: Object.objectPath(name: name, namespace: namespace), body: try KubernetesJSON.encode(object),
            contentType: "application/json", idempotent: true
        )
        return try decode(Object.self, from: try await call(request), operation: request.operation)
    }

    public func mergePatch<Object: KubernetesResource, Patch: Encodable & Sendable>(
        _ type: Object.Type, name: String, namespace: String, patch: Patch
    ) async throws -> Object {
        let request = APIRequest(
            method: .PATCH, path: Object.objectPath(name: name, namespace: namespace), body: try KubernetesJSON.encode(patch),
            contentType: "application/merge-patch+json", idempotent: true
        )
        return try decode(Object.self, from: try await call(request), operation: request.operation)
    }

    @discardableResult
    public func delete<Object: KubernetesResource>(_ type: Object.Type, name: String, namespace: String, options: DeleteOptions) async throws -> Object? {
        let path = KubernetesPath.withQuery(Object.objectPath(name: name, namespace: namespace), options.queryItems)
        let request = APIRequest(
            method: .DELETE, path: path, body: try KubernetesJSON.encode(options.body), contentType: "application/json", idempotent: true
        )
        let body = try await call(request)
        if let probe = try? JSONDecoder().decode(KindProbe.self, from: Data(body.readableBytesView)), probe.kind == "Status" {
            return nil
        }
        return try decode(Object.self, from: body, operation: request.operation)
    }

    public func watch<Object: KubernetesResource>(_ type: Object.Type, namespace: String, options: WatchOptions) -> ResourceWatch<Object> {
        ResourceWatch(client: self, namespace: namespace, options: options)
    }

    public func followLog(pod: String, container: String, namespace: String, options: LogOptions) -> PodLogStream {
        PodLogStream(client: self, pod: pod, container: container, namespace: namespace, options: options)
    }
}
