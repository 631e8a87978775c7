import NIOCore
import NIOHTTP1

/// Writes the chunks of a streamed response body (see ``SimulatorHTTPBodyStream``).
public struct SimulatorHTTPBodyWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>

    /// Sends `bytes` as one chunk (nothing is sent for an empty collection, which would end the
    /// body). Throws ``SimulatorHTTPStreamError/connectionClosed`` once the peer has gone.
    public func write(_ bytes: some Collection<UInt8>) async throws(SimulatorHTTPStreamError) {
        guard !bytes.isEmpty else { return }
        do {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
        } catch {
            throw .connectionClosed
        }
    }
}
