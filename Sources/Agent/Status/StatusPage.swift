import Foundation
import GitLabRunnerAPI
import RunnerConfiguration

/// The status page at `/`: plain server-rendered HTML (no JavaScript) with the agent, its runners,
/// running jobs and the last outcomes. Every dynamic value is escaped; no token is ever shown.
enum StatusPage {
    static func render(agent: Agent, now: Date = Date()) -> String {
        let (ready, reason) = agent.readiness
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
            <title>flywheel \(escape(FlywheelBuild.version))</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:2em}
            th,td{border:1px solid #ccc;padding:.3em .7em;text-align:left}th{background:#f3f3f3}
            .ok{color:#17702a}.bad{color:#b00020}</style></head><body>
            <h1>flywheel agent</h1>
            <p>Version <b>\(escape(FlywheelBuild.version))</b>, build <b>\(escape(FlywheelBuild.revision))</b>.
            \(revisionLine(podRevision: ProcessInfo.processInfo.environment["FLYWHEEL_REQUESTED_REVISION"], requested: agent.board.requestedRevision, now: now))
            System ID \(escape(agent.settings.systemID)). Capacity \(agent.concurrent) jobs.
            Status: <span class="\(ready ? "ok" : "bad")">\(escape(reason))</span>.</p>
            <h2>Runners</h2>
            <table><tr><th>Name</th><th>GitLab</th><th>Executor</th><th>Profile</th><th>Limit</th></tr>

            """
        for runner in agent.runners {
            let settings = runner.settings
            html += "<tr><td>\(escape(settings.name))</td><td>\(escape(settings.url))</td><td>\(escape(settings.executor.rawValue))</td>"
                + "<td>\(escape(settings.kubernetes?.profile ?? "—"))</td><td>\(settings.limit == 0 ? "none" : String(settings.limit))</td></tr>\n"
        }
        html += "</table>\n<h2>Running jobs</h2>\n"
        let running = agent.board.running
        if running.isEmpty {
            html += "<p>None.</p>\n"
        } else {
            html += "<table><tr><th>Job</th><th>Project</th><th>Name</th><th>Runner</th><th>Profile</th><th>Pod phase</th><th>Age</th></tr>\n"
            let profiles = Dictionary(agent.runners.map { ($0.settings.name, $0.settings.kubernetes?.profile ?? $0.settings.executor.rawValue) }, uniquingKeysWith: { first, _ in first })
            for job in running {
                html += "<tr><td>\(job.id)</td><td>\(escape(job.project))</td><td>\(escape(job.name))</td><td>\(escape(job.runner))</td>"
                    + "<td>\(escape(profiles[job.runner] ?? "—"))</td><td>\(escape(agent.phase(of: job.id) ?? "—"))</td>"
                    + "<td>\(duration(now.timeIntervalSince(job.startedAt)))</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "<h2>Last \(StatusBoard.recentLimit) outcomes</h2>\n"
        let recent = agent.board.recent
        if recent.isEmpty {
            html += "<p>None yet.</p>\n"
        } else {
            html += "<table><tr><th>Job</th><th>Project</th><th>Name</th><th>Runner</th><th>Outcome</th><th>Duration</th></tr>\n"
            for job in recent {
                let style = job.outcome == "success" ? "ok" : "bad"
                html += "<tr><td>\(job.id)</td><td>\(escape(job.project))</td><td>\(escape(job.name))</td><td>\(escape(job.runner))</td>"
                    + "<td class=\"\(style)\">\(escape(job.outcome))</td><td>\(duration(job.duration))</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "<p>Metrics: <a href=\"/metrics\">/metrics</a> · <a href=\"/healthz\">/healthz</a> · <a href=\"/readyz\">/readyz</a></p>\n</body></html>\n"
        return html
    }

    /// The deploy drift: the revision this agent's pod was rolled out for (its template's
    /// `flywheel.dev/revision`, through the Downward API) against the one the Deployment asks for now
    /// (the last `flywheel deploy`). They differ while a rollout has not yet replaced this pod, or when
    /// it is stuck.
    static func revisionLine(podRevision: String?, requested: (revision: String?, readAt: Date)?, now: Date) -> String {
        let pod = podRevision.flatMap { $0.isEmpty ? nil : $0 }
        var line = "Rolled out as revision <b>\(escape(pod ?? "not recorded"))</b>"
        guard let requested else { return line + "; no Deployment read (not running in Kubernetes)." }
        let age = duration(now.timeIntervalSince(requested.readAt))
        guard let wanted = requested.revision else {
            return line + "; the Deployment records no requested revision (read \(age) ago)."
        }
        line += "; the last deploy requested revision <b>\(escape(wanted))</b> (read \(age) ago): "
        if let pod, pod == wanted {
            return line + "<span class=\"ok\">in step</span>."
        }
        return line + "<span class=\"bad\">drift</span> — this agent still runs an earlier template; the rollout has not replaced it (yet)."
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        return total >= 3600 ? "\(total / 3600)h \(total % 3600 / 60)m" : total >= 60 ? "\(total / 60)m \(total % 60)s" : "\(total)s"
    }
}
