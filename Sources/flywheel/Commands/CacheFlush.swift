import ArgumentParser
import Foundation
import NixCache

/// `flywheel cache flush`: wait until the watcher's queue is empty.
struct CacheFlush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush",
        abstract: "Wait until the running watcher has uploaded everything queued.",
        discussion: "Exit status 0 when the queue drained, 1 when the timeout passed first or no watcher answers."
    )

    @Option(help: "The watcher's Unix socket.")
    var socket: String = HookClient.defaultSocketPath

    @Option(help: "Seconds to wait.")
    var timeout: Double = 300

    func run() throws {
        let reply: HookReply
        do {
            reply = try HookClient.send(HookMessage(command: .flush, timeout: timeout), socket: socket,
                                        timeout: .milliseconds(Int64((max(0, timeout) + 10) * 1000)))
        } catch {
            FileHandle.standardError.write(Data("flywheel cache flush: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let statistics = reply.statistics ?? [:]
        let summary = ["uploaded", "already_present", "failed", "queue_depth"].map { "\($0)=\(statistics[$0] ?? 0)" }.joined(separator: " ")
        if reply.drained == true {
            print("flywheel cache flush: queue empty (\(summary))")
        } else {
            FileHandle.standardError.write(Data("flywheel cache flush: still busy after \(timeout) s (\(summary))\n".utf8))
            throw ExitCode(1)
        }
    }
}
