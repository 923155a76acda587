import Foundation

/// A value computed on a background thread while the caller goes on; `value` waits for it.
final class Background<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            let value = work()
            self.lock.withLock { self.result = value }
            self.done.signal()
        }
    }

    var value: T {
        if let ready = lock.withLock({ result }) { return ready }
        done.wait()
        done.signal()  // a latch: let any other waiter through too
        return lock.withLock { result! }
    }
}
