import Logging
import RunnerConfiguration

/// Installs the process-wide log handler from the configuration.
enum LoggingBootstrap {
    static func start(level: LogLevel, format: LogFormat) -> Logger {
        let swiftLevel: Logger.Level = switch level {
        case .debug: .debug
        case .info: .info
        case .warn: .warning
        case .error: .error
        }
        let handlerFormat: AgentLogHandler.Format = format == .json ? .json : .text
        LoggingSystem.bootstrap { label in AgentLogHandler(label: label, format: handlerFormat, level: swiftLevel) }
        return Logger(label: "flywheel")
    }
}
