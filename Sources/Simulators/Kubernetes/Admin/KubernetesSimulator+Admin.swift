import Synchronization

extension KubernetesSimulator {
    /// The admin API under `/_sim/` (no authentication, never faulted, not recorded). See
    /// docs/simulators.md for the list of calls.
    func admin(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPResponse {
        let segments = request.path.split(separator: "/").dropFirst().map(String.init)
        let method = request.method.uppercased()
        func flag(_ name: String) -> Bool { ["true", "1", "yes"].contains(request.queryValue(name) ?? "") }
        func body() -> SimulatedJSON { (try? SimulatedJSON(parsing: request.body)) ?? [:] }
        func answer(_ status: Int, _ json: SimulatedJSON) -> SimulatorHTTPResponse { .json(status, json.encoded) }
        func problem(_ status: Int, _ message: String) -> SimulatorHTTPResponse { answer(status, ["error": .string(message)]) }

        switch (method, segments) {
        case ("GET", ["state"]):
            let (version, floor, watches) = cluster.read { ($0.resourceVersion, $0.compactedThrough, $0.openWatchCount) }
            return answer(200, [
                "resource_version": .string(String(version)), "compacted_resource_version": .string(String(floor)),
                "open_watches": .int(Int64(watches)), "sandbox": .string(sandboxDescription),
                "scheduling_enabled": .bool(kubelet.isSchedulingEnabled), "pods": .int(Int64(objects("pods").count)),
                "url": .string(baseURL),
            ])
        case ("GET", ["requests"]):
            return answer(200, .array(requests.map(\.json)))
        case ("GET", ["faults"]):
            return answer(200, .array(armedFaults.map(\.json)))
        case ("POST", ["faults"]):
            do throws(KubernetesSimulatorError) {
                let fault = try KubernetesHTTPFault(json: body())
                inject(fault)
                return answer(201, fault.json)
            } catch {
                return problem(400, error.description)
            }
        case ("DELETE", ["faults"]):
            clearFaults()
            return SimulatorHTTPResponse(status: 204)
        case ("POST", ["watches", "cut"]):
            cutWatches(abrupt: flag("abrupt"))
            return SimulatorHTTPResponse(status: 204)
        case ("POST", ["logs", "cut"]):
            cutLogStreams(abrupt: flag("abrupt"))
            return SimulatorHTTPResponse(status: 204)
        case ("POST", ["compact"]):
            compact()
            return answer(200, ["compacted_resource_version": .string(compactedResourceVersion)])
        case ("POST", ["scheduling"]):
            let enabled = request.queryValue("enabled").map { $0 == "true" } ?? body()["enabled"]?.boolValue ?? true
            setSchedulingEnabled(enabled)
            return answer(200, ["scheduling_enabled": .bool(enabled)])
        case ("PUT", ["tokens"]):
            let tokens = (body()["tokens"]?.arrayValue ?? []).compactMap(\.stringValue)
            setTokens(tokens)
            return answer(200, ["tokens": .array(tokens.map(SimulatedJSON.string))])
        case ("POST", ["images"]):
            let entry = body()
            guard let pattern = entry["pattern"]?.stringValue else { return problem(400, "an image needs a \"pattern\"") }
            do throws(KubernetesSimulatorError) {
                let map = try KubernetesImageMap(json: SimulatedJSON.object(["images": [entry]]).encoded)
                if let image = map.entries.first?.image { setImage(image, for: pattern) }
                return SimulatorHTTPResponse(status: 204)
            } catch {
                return problem(400, error.description)
            }
        case ("PUT", ["images", "failing"]):
            setFailingImagePatterns((body()["patterns"]?.arrayValue ?? []).compactMap(\.stringValue))
            return SimulatorHTTPResponse(status: 204)
        case ("POST", let path) where path.count == 2 && path[0] == "namespaces":
            createNamespace(path[1])
            return SimulatorHTTPResponse(status: 204)
        case ("GET", let path) where path.count == 4 && path[0] == "pods" && path[3] == "logs":
            guard let text = logs(pod: path[2], namespace: path[1], container: request.queryValue("container"), timestamps: flag("timestamps")) else {
                return problem(404, "no such pod or container")
            }
            return .text(200, text)
        case ("GET", let path) where path.count == 4 && path[0] == "pods" && path[3] == "wait":
            let timeout = Double(request.queryValue("timeout") ?? "") ?? 60
            let phase = request.queryValue("phase")
            let name = path[2], namespace = path[1]
            do throws(KubernetesSimulatorError) {
                let pod = try await waitForPod(name, namespace: namespace, timeout: .milliseconds(Int64(timeout * 1000))) { pod in
                    guard let phase else { return ["Succeeded", "Failed"].contains(pod.string(at: ["status", "phase"]) ?? "") }
                    return pod.string(at: ["status", "phase"]) == phase
                }
                return answer(200, pod)
            } catch {
                return answer(408, self.pod(name, namespace: namespace) ?? nil)
            }
        case ("POST", let path) where path.count == 4 && path[0] == "pods":
            let namespace = path[1], name = path[2]
            do throws(KubernetesSimulatorError) {
                switch path[3] {
                case "evict": try evict(pod: name, namespace: namespace)
                case "vanish": try vanish(pod: name, namespace: namespace)
                case "oom-kill":
                    guard let container = request.queryValue("container") else { return problem(400, "oom-kill needs ?container=") }
                    try oomKill(pod: name, namespace: namespace, container: container)
                default:
                    return problem(404, "unknown pod fault \(path[3]) (evict, vanish, oom-kill)")
                }
                return SimulatorHTTPResponse(status: 204)
            } catch {
                return problem(404, error.description)
            }
        default:
            return problem(404, "unknown admin call \(method) \(request.path)")
        }
    }
}
