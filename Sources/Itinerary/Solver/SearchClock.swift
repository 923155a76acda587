import Foundation

/// The searches' clock: uptime, or with SHOWCASE_CPU_CLOCK set the calling thread's CPU time
/// (for comparing designs on a machine others are using; an experiment's tool).
enum SearchClock {
    static let cpu = ProcessInfo.processInfo.environment["SHOWCASE_CPU_CLOCK"] != nil

    static func now() -> UInt64 {
        guard cpu else { return DispatchTime.now().uptimeNanoseconds }
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
