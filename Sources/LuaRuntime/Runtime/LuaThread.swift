import CLuaWatch
import Foundation

/// Runs work on a thread with a known, generous stack.
///
/// Lua recursion through C (metamethods, `pcall`, coroutines) uses the C stack of whatever
/// thread calls into Lua, up to Lua's limit of 200 nested C calls. Threads with 128 KiB of
/// stack have crashed on that here; 256 KiB and up are fine. Threads of Swift's concurrency
/// pool make no promise, so long-running workers run their runtimes on these threads instead.
public enum LuaThread {
    /// The stack size of threads started by `run`: 16 MiB.
    public static let defaultStackSize = 16 << 20

    /// The core the calling thread is running on now (-1 when it cannot be told).
    public static var currentCore: Int32 { clua_current_cpu() }

    /// Keeps the calling thread off `core` (from `currentCore`) when it may run on another; does
    /// nothing otherwise. For a helper thread whose starter has work of its own meanwhile: on a
    /// machine with few cores, a new thread queued behind its starter on one core can leave
    /// another idle, and a helper in the way delays the thread the starter then hands its work to.
    /// Whether it did (false when the thread may run on that core alone, or `core` is unknown).
    @discardableResult
    public static func keepOff(core: Int32) -> Bool {
        core >= 0 && clua_keep_off_cpu(core) == 1
    }

    /// Runs `body` on a new thread with `stackSize` bytes of stack and waits for its result.
    public static func run<T>(stackSize: Int = defaultStackSize, _ body: @escaping () -> T) -> T {
        let box = LuaThreadBox(body)
        let thread = Thread {
            box.result = box.body()
            box.done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        box.done.wait()
        return box.result!
    }

    /// Runs `body(k)` for each k in 0..<count, each on a thread of its own with `stackSize`
    /// bytes of stack, and waits for all of them: the workers of a batch.
    public static func runEach(_ count: Int, stackSize: Int = defaultStackSize, _ body: @escaping @Sendable (Int) -> Void) {
        runEach(count, stackSize: stackSize, releasingAfterwards: body) // (nothing left to release)
    }

    /// `runEach`, where each body hands back what it no longer needs (its runtime, say), to be
    /// released on its own thread only after that body has been counted done, so that `runEach`
    /// returns without waiting for it: closing a Lua state of tens of megabytes takes
    /// milliseconds nobody has to wait for.
    public static func runEach<Leftover>(_ count: Int, stackSize: Int = defaultStackSize,
                                         releasingAfterwards body: @escaping @Sendable (Int) -> Leftover) {
        let group = DispatchGroup()
        for k in 0..<count {
            group.enter()
            let thread = Thread {
                let leftover = body(k)
                withExtendedLifetime(leftover) { group.leave() }
            }
            thread.stackSize = stackSize
            thread.start()
        }
        group.wait()
    }
}

/// Carries the work and its result between the caller and the worker thread, which never
/// touch it at the same time (the semaphore orders them).
private final class LuaThreadBox<T>: @unchecked Sendable {
    var result: T?
    let body: () -> T
    let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping () -> T) { self.body = body }
}
