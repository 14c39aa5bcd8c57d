/// The budgets that bound one call into Lua. Every call gets a fresh instruction count and
/// deadline; the memory cap holds for the whole state.
public struct LuaLimits: Sendable, Equatable {
    /// VM instructions per call, counted every `hookInterval` instructions. Pattern matching
    /// (`string.find`, `match`, `gmatch`, `gsub`) charges its steps to the same budget.
    public var instructions: Int64
    /// Bytes the whole state may hold, including the libraries (about 30 KB).
    public var memoryBytes: Int
    /// CPU seconds per call (of the thread running it): the machine's load does not change it.
    public var timeoutSeconds: Double
    /// Wall-clock seconds after which a call ends even if it has not used its CPU time: a safety
    /// net for a machine so busy that the call cannot finish (by default 3 × the timeout + 10 s).
    public var wallClockSeconds: Double {
        get { wallClockOverride ?? (3 * timeoutSeconds + 10) }
        set { wallClockOverride = newValue }
    }
    private var wallClockOverride: Double?
    /// How many instructions run between two checks of the budgets.
    public var hookInterval: Int32
    /// Bytes kept above `memoryBytes` for the host's own work and for error handling.
    public var hostReserveBytes: Int

    public init(instructions: Int64 = 50_000_000, memoryBytes: Int = 64 << 20,
                timeoutSeconds: Double = 5, hookInterval: Int32 = 1000,
                hostReserveBytes: Int = 1 << 20, wallClockSeconds: Double? = nil) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.timeoutSeconds = timeoutSeconds
        self.wallClockOverride = wallClockSeconds
        self.hookInterval = hookInterval
        self.hostReserveBytes = hostReserveBytes
    }

    /// The defaults: 50 million instructions, 64 MiB, 5 seconds.
    public static let `default` = LuaLimits()

    /// The budget for loading a framework (running its files and freezing what they build):
    /// ten times the instructions and time of one call, so that loading never competes with
    /// the per-indicator budget.
    public var loading: LuaLimits {
        var l = self
        l.instructions = instructions > Int64.max / 10 ? instructions : instructions * 10
        l.timeoutSeconds = timeoutSeconds * 10
        l.wallClockSeconds = wallClockSeconds * 10
        return l
    }
}

/// How values cross between Swift and Lua.
public struct LuaConversionLimits: Sendable, Equatable {
    /// Deepest nesting of arrays and objects accepted in either direction.
    public var maxDepth: Int
    /// Most values (scalars, arrays, objects) in one converted value.
    public var maxValues: Int
    /// Most bytes of strings in one converted value.
    public var maxStringBytes: Int

    public init(maxDepth: Int = 100, maxValues: Int = 1_000_000, maxStringBytes: Int = 32 << 20) {
        self.maxDepth = maxDepth
        self.maxValues = maxValues
        self.maxStringBytes = maxStringBytes
    }
}

/// Everything a runtime is set up with.
public struct LuaConfiguration: Sendable {
    /// Budgets per call.
    public var limits: LuaLimits
    /// Bounds on converted values.
    public var conversion: LuaConversionLimits
    /// Folders that `require "a.b"` searches for `a/b.lua`, in order.
    public var moduleRoots: [String]
    /// Largest module file `require` reads (Lua's parser, which cannot be interrupted, is
    /// quadratic on some constructs: a bound on the source bounds the time).
    public var maxModuleBytes: Int
    /// Most bytes `print` keeps per call; the rest is dropped with a marker.
    public var maxLogBytes: Int
    /// The seed `math.random` is reset to at the start of every call.
    public var randomSeed: Int64
    /// Modules given as source text, found by `require` before the module roots. They are the
    /// host's own Lua: their environment also has `sandbox_info.where(level)` and
    /// `sandbox_info.function_source(f)` (source positions, for error messages and traces),
    /// and errors raised in them are reported at the rule code that called them.
    public var builtinModules: [String: String]

    public init(limits: LuaLimits = .default, conversion: LuaConversionLimits = .init(),
                moduleRoots: [String] = [], maxModuleBytes: Int = 256 << 10,
                maxLogBytes: Int = 64 << 10, randomSeed: Int64 = 0,
                builtinModules: [String: String] = [:]) {
        self.limits = limits
        self.conversion = conversion
        self.moduleRoots = moduleRoots
        self.maxModuleBytes = maxModuleBytes
        self.maxLogBytes = maxLogBytes
        self.randomSeed = randomSeed
        self.builtinModules = builtinModules
    }
}
