import Logging
import NIOCore
import NIOHTTP1

extension KubernetesClient {
    /// `POST` the object, never creating it twice (notes §1.2, §1.9).
    ///
    /// - 429 and connections that never reached the server are retried: nothing was created.
    /// - 500/502/503/504, timeouts and cut connections leave the outcome unknown. For a named object the client
    ///   then waits (backoff) and GETs it: found → that object is returned (the create went through); 404 → the
    ///   POST is repeated. A repeated POST answered 409 `AlreadyExists` returns the existing object (fetched with
    ///   GET), as gitlab-runner does. Objects with only `generateName` cannot be verified, so an unknown outcome
    ///   is thrown.
    /// - A first POST answered 409 `AlreadyExists` throws (``KubernetesError/isAlreadyExists``): someone else's
    ///   object may hold the name; the caller decides whether to adopt it.
    public func create<Object: KubernetesResource>(_ object: Object, namespace: String, options: CreateOptions) async throws -> Object {
        var object = object
        object.apiVersion = object.apiVersion ?? Object.apiVersion
        object.kind = object.kind ?? Object.kind
        let path = KubernetesPath.withQuery(Object.collectionPath(namespace: namespace), options.queryItems)
        let request = APIRequest(method: .POST, path: path, body: try KubernetesJSON.encode(object), contentType: "application/json", idempotent: false)
        let name = object.metadata.name.flatMap { $0.isEmpty ? nil : $0 }
        var attempt = 0
        var outcomeUnknown = false
        while true {
            attempt += 1
            if outcomeUnknown, let name, !options.dryRun {
                do {
                    let existing = try await get(Object.self, name: name, namespace: namespace)
                    logger.info("\(request.operation): the earlier attempt created \(Object.kind) \(name) after all")
                    return existing
                } catch let error as KubernetesError where error.isNotFound {
                    // Nothing was created: post again.
                }
            }
            do {
                return try decode(Object.self, from: try await call(request), operation: request.operation)
            } catch let error as KubernetesError where error.isAlreadyExists && outcomeUnknown {
                guard let name else { throw error }
                logger.info("\(request.operation): \(Object.kind) \(name) already exists after a retried create; adopting it")
                return try await get(Object.self, name: name, namespace: namespace)
            } catch let error as KubernetesError where [500, 502, 503, 504].contains(error.code) {
                guard name != nil, attempt < retry.maxAttempts else { throw error }
                outcomeUnknown = true
                let wait = retry.delay(afterAttempt: attempt, retryAfter: nil)
                logger.warning("\(request.operation) answered \(error.code); checking whether it was created, in \(wait)")
                try await Task.sleep(for: wait)
            } catch let error as KubernetesClientError where error.code == .transport {
                guard name != nil, attempt < retry.maxAttempts else { throw error }
                outcomeUnknown = true
                let wait = retry.delay(afterAttempt: attempt, retryAfter: nil)
                logger.warning("\(request.operation) failed: \(error.message); checking whether it was created, in \(wait)")
                try await Task.sleep(for: wait)
            }
        }
    }
}
