import Foundation
import TaskModel

/// A minimal HTTP/1.0 endpoint serving `ExecutionMetrics` as Prometheus text on loopback: one
/// thread, one connection at a time, the request itself ignored (every path answers the metrics).
public final class MetricsServer: @unchecked Sendable {
    let fd: Int32
    let metrics: ExecutionMetrics
    /// The port actually bound (useful with port 0).
    public let port: UInt16

    /// Binds `address:port` and starts serving on a background thread.
    /// - Throws: `TasksError` exit 1 when the port cannot be bound.
    public init(metrics: ExecutionMetrics, port: UInt16, address: String = "127.0.0.1") throws(TasksError) {
        self.metrics = metrics
        #if canImport(Glibc)
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let s = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard s >= 0 else { throw TasksError(.invalidArguments, "--metrics-port: cannot create a socket") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 16) == 0 else {
            close(s)
            throw TasksError(.invalidArguments, "--metrics-port: cannot listen on \(address):\(port): \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        fd = s
        let thread = Thread { [self] in serve() }
        thread.name = "tasks-metrics"
        thread.start()
    }

    func serve() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 {
                if errno == EINTR { continue }
                return
            }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = read(c, &request, request.count)
            let body = metrics.prometheusText()
            let response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n" + body
            response.utf8CString.withUnsafeBufferPointer { p in _ = write(c, p.baseAddress, p.count - 1) }
            close(c)
        }
    }
}
