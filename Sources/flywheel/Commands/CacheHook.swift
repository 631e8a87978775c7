import ArgumentParser
import Foundation
import NixCache

/// `flywheel cache hook`: Nix's post-build-hook. Sends the built outputs to the watcher
/// and exits 0 whatever happens: a failing hook would stop Nix from building anything
/// more.
struct CacheHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Post-build-hook: queue OUT_PATHS (or DRV_PATH's outputs) with the running watcher; always exits 0.",
        discussion: """
        Nix runs the hook with no arguments, so point post-build-hook at a script such as \
        '#!/bin/sh' + '/usr/local/bin/flywheel cache hook; exit 0'. It only hands the paths to \
        'flywheel cache watch' over its Unix socket and returns in milliseconds.
        """
    )

    @Option(help: "The watcher's Unix socket.")
    var socket: String = HookClient.defaultSocketPath

    @Option(help: "Root of a chroot store (like nix-store --store ROOT); default: the system store.")
    var store: String = "/"

    func run() {
        let outcome = PostBuildHook.run(environment: ProcessInfo.processInfo.environment, socket: socket, store: NixStore(rootDirectory: store))
        FileHandle.standardError.write(Data((outcome.message + "\n").utf8))
    }
}
