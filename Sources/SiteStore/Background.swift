import Foundation
import Synchronization

/// A value computed on a background thread while the caller goes on; `value` waits for it.
final class Background<T: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<T?>(nil)

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.signal()
        }
    }

    var value: T {
        if let ready = result.withLock({ $0 }) { return ready }
        done.wait()
        done.signal() // a latch: let any other waiter through too
        return result.withLock { $0! }
    }
}
