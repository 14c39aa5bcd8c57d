/*
 * The whole C boundary between Swift and Lua 5.4.
 *
 * Safety contract (read before touching anything here):
 *   - A Lua error is a longjmp. It must never cross a Swift frame. Swift may only call the
 *     functions marked [safe] below, or plain Lua API functions that the manual marks '-'
 *     (never raises): lua_gettop, lua_type, lua_toboolean, lua_tointegerx, lua_tonumberx,
 *     lua_rawlen, lua_topointer, lua_touserdata, lua_checkstack, lua_pushnil/boolean/integer/
 *     number/lightuserdata, lua_pushcfunction of a light C function, lua_pushvalue,
 *     lua_rawgeti on the registry, lua_setupvalue, lua_pcall, lua_load, lua_sethook, lua_gc.
 *     lua_tolstring only on values whose type is LUA_TSTRING (it never converts them).
 *     lua_settop only over host slots, which are never to-be-closed.
 *   - Everything that allocates or may raise (pushing strings, creating tables, rawset, next,
 *     calling Lua) happens in the C functions below, always under lua_pcall. Swift feeds them
 *     operations (clua_pbuild) or receives events (clua_pwalk) through callbacks that return
 *     before any Lua API that can raise runs.
 *   - Swift functions exposed to Lua run behind clua_trampoline: they report an error by
 *     returning CLUA_HOST_ERROR with the message on the stack; the trampoline raises it in C.
 *   - The count hook and the allocator enforce the budgets; both read a clua_budget that the
 *     host owns and stores in the main thread's extra space (new threads inherit it).
 */
#ifndef MECIGEP_CLUA_SHIM_H
#define MECIGEP_CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>
#include <math.h>
#include <limits.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- Re-exposed macros ------------------------------------------------------------- */

static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void clua_pop(lua_State *L, int n) { lua_settop(L, -(n)-1); }
static inline int clua_isinteger(lua_State *L, int idx) { return lua_isinteger(L, idx); }
static inline const char *clua_tostring_raw(lua_State *L, int idx, size_t *len) {
    /* [safe] only for values of type LUA_TSTRING */
    return lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, len) : NULL;
}
/* [safe] lua_gc without the variadic tail Swift cannot call. No finalizers exist in the
   sandbox (__gc is refused), so a collection runs no Lua code. */
static inline int clua_gc(lua_State *L, int what) { return lua_gc(L, what, 0); }

static int clua_ref_entry(lua_State *L) {
    int *out = (int *)lua_touserdata(L, 1);
    lua_settop(L, 2);
    *out = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* [safe] Pops the top value into the registry; *out receives its reference. */
static inline int clua_pref(lua_State *L, int *out) {
    if (!lua_checkstack(L, 3)) return LUA_ERRMEM;
    lua_pushcfunction(L, clua_ref_entry);
    lua_pushlightuserdata(L, out);
    lua_rotate(L, -3, -1);
    return lua_pcall(L, 2, 0, 0);
}

static int clua_unref_entry(lua_State *L) {
    luaL_unref(L, LUA_REGISTRYINDEX, (int)lua_tointeger(L, 1));
    return 0;
}

/* [safe] Drops a registry reference. */
static inline void clua_unref(lua_State *L, int ref) {
    int top = lua_gettop(L);
    if (!lua_checkstack(L, 2)) return;
    lua_pushcfunction(L, clua_unref_entry);
    lua_pushinteger(L, ref);
    (void)lua_pcall(L, 1, 0, 0);
    lua_settop(L, top);
}

static inline int clua_loadtext(lua_State *L, const char *buf, size_t len, const char *name) {
    /* [safe] lua_load runs the parser protected; text chunks only */
    return luaL_loadbufferx(L, buf, len, name, "t");
}

/* ---- Bytecode: for static checks of rule code, and the host's own compile of a module's text
   (ModulePrecompiler, loaded by require in the same process), the only bytecode ever loaded -- */

typedef struct clua_bytes {
    unsigned char *data;
    size_t length;
    size_t capacity;
    int failed;
} clua_bytes;

static int clua_bytes_writer(lua_State *L, const void *p, size_t size, void *ud) {
    clua_bytes *b = (clua_bytes *)ud;
    (void)L;
    if (b->failed) return 1;
    if (b->length + size > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        unsigned char *grown;
        while (capacity < b->length + size) capacity *= 2;
        grown = (unsigned char *)realloc(b->data, capacity);
        if (!grown) { b->failed = 1; return 1; }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, p, size);
    b->length += size;
    return 0;
}

/* [safe] Dumps the function at the top (with debug information) into out; the caller frees
   out->data. lua_dump never raises; the writer only copies bytes. */
static inline int clua_dump(lua_State *L, clua_bytes *out) {
    memset(out, 0, sizeof *out);
    return lua_dump(L, clua_bytes_writer, out, 0) == 0 && !out->failed;
}

/* ---- Budgets ----------------------------------------------------------------------- */

enum {
    CLUA_STOP_NONE = 0,
    CLUA_STOP_INSTRUCTIONS = 1,
    CLUA_STOP_MEMORY = 2,
    CLUA_STOP_TIME = 3,
    CLUA_STOP_VIOLATION = 4,
    CLUA_STOP_RERUN = 5          /* fast mode only: run this again with exact budgets */
};

typedef struct clua_budget {
    /* set by the host */
    int64_t instruction_limit;   /* <= 0: none */
    size_t memory_limit;         /* bytes the whole state may hold; 0: none */
    size_t memory_reserve;       /* extra bytes for the host's own work and error handling */
    double deadline;             /* clua_now() seconds after which CPU time is checked; <= 0: none */
    double wall_deadline;        /* clua_now() seconds: the wall-clock safety net; <= 0: none */
    double cpu_start;            /* the calling thread's CPU seconds when the call began; < 0: not
                                    read yet (the first hook reads it: reading it is a system call) */
    double cpu_limit;            /* CPU seconds the call may use (the time budget) */
    double last_hook;            /* clua_now() at the previous hook, to notice slow instructions */
    int hook_interval;           /* instructions between two hook calls */
    int enforce;                 /* budgets apply (during a call into rule code) */
    int host_mode;               /* > 0 while the host allocates on its own account */
    lua_State *main;
    /* accounting */
    int64_t instructions;
    size_t memory_used;
    size_t memory_peak;
    int stop;                    /* CLUA_STOP_*; sticky until the host resets it */
    void *pending_block;         /* last refused request, to tell Lua's retry after GC */
    size_t pending_size;
    int pending;
    /* where the last error was raised (filled by the message handler): the innermost rule
       frames, innermost first; the host reports the first whose chunk it loaded itself */
    int error_line;
    size_t error_message_length;
    char error_source[512];
    int error_frames;
    int error_frame_lines[8];
    char error_frame_sources[8][256];
    /* fast mode (see "Fast mode" below): written by the calling thread, read by the watchdog */
    int fast;                    /* 1 while a fast crossing runs (changed under the watchdog's lock) */
    int64_t fast_generation;     /* bumped at each rule call of the crossing */
    int64_t fast_started_ns;     /* when the current rule call began (monotonic nanoseconds) */
    int64_t fast_window_ns;      /* how long a rule call may run before it is run again exactly */
    int64_t fast_armed;          /* the generation the watchdog last armed the hook for */
    clockid_t fast_clock;        /* the CPU clock of the thread running the crossing */
    /* the watchdog's own (its thread only, under its lock): the rule call it last saw, and how
       much CPU time that call had used at most by then (the thread's CPU clock, and the wall
       time between the call's start and that look, which bounds what came before it) */
    int64_t fast_seen_generation;
    int64_t fast_seen_cpu_ns;
    int64_t fast_seen_lag_ns;
    /* the time budgets of the call running, which next_call gives each rule call of a crossing */
    double call_timeout;
    double call_wall;
    /* bumped at every rule call (the host's and next_call): what a gmatch iterator belongs to */
    int64_t call_serial;
    /* the engine's trace box (registry reference; 0 before host.trace_kit): its slot 3 holds the
       buffer of reads the host reads after a call (clua_trace_span) */
    int trace_box_ref;
    /* the state's pool of small blocks (see "The allocator"); NULL until the first one */
    struct clua_pool *pool;
} clua_budget;

static inline double clua_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds used by the calling thread: unlike the wall clock, load on the machine does not
   change it, so a budget in CPU time gives the same verdict however many jobs run. */
static inline double clua_thread_cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Whether the call is past its time budget. A thread cannot use more CPU time than wall time,
   so while the wall clock is within the budget this costs one cheap clock read; after that, the
   thread's CPU time decides, and the wall-clock safety net ends a call that the machine's load
   keeps from finishing. */
static inline int clua_over_time_at(clua_budget *b, double now) {
    if (b->deadline <= 0 || now <= b->deadline) return 0;
    if (b->wall_deadline > 0 && now > b->wall_deadline) return 1;
    /* past the deadline before the first hook: all that time went to this call */
    if (b->cpu_start < 0) return 1;
    return clua_thread_cpu() - b->cpu_start > b->cpu_limit;
}

static inline clua_budget *clua_budget_of(lua_State *L) {
    return *(clua_budget **)lua_getextraspace(L);
}

static void clua_hook(lua_State *L, lua_Debug *ar);

/* Makes every thread that next runs the hook raise at its next instruction. */
static inline void clua_trip(clua_budget *b, lua_State *L) {
    if (L) lua_sethook(L, clua_hook, LUA_MASKCOUNT, 1);
    if (b->main && b->main != L) lua_sethook(b->main, clua_hook, LUA_MASKCOUNT, 1);
}

static inline const char *clua_stop_message(int stop) {
    switch (stop) {
    case CLUA_STOP_INSTRUCTIONS: return "instruction limit exceeded";
    case CLUA_STOP_MEMORY: return "memory limit exceeded";
    case CLUA_STOP_TIME: return "time limit exceeded";
    case CLUA_STOP_RERUN: return "run again with exact budgets";
    default: return "stopped by the sandbox";
    }
}

/* When an interval of instructions took longer than this (seconds) and the next one, as slow,
   would run past the deadline, the hook comes sooner, so that a loop of heavy single
   instructions (comparisons of long strings, say) still meets the deadline. Ordinary code runs
   a thousand instructions in a few microseconds and is never affected. */
#define CLUA_SLOW_INTERVAL 0.002

/* A clock's time in nanoseconds, -1 when it cannot be read (a thread's CPU clock, which another
   thread of the process may read, as the fast-mode watchdog does). */
static inline int64_t clua_clock_ns(clockid_t clock) {
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0) return -1;
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline int64_t clua_now_ns(void) { return clua_clock_ns(CLOCK_MONOTONIC); }

static void clua_hook(lua_State *L, lua_Debug *ar) {
    clua_budget *b = clua_budget_of(L);
    (void)ar;
    if (!b || !b->enforce) return;
    if (__atomic_load_n(&b->fast, __ATOMIC_ACQUIRE) && b->stop == CLUA_STOP_NONE) {
        /* armed by the watchdog: the rule call has run past its window (run it again exactly),
           or the arm was for a call that has ended since (take the hook off and go on) */
        int64_t generation = __atomic_load_n(&b->fast_generation, __ATOMIC_ACQUIRE);
        int64_t started = __atomic_load_n(&b->fast_started_ns, __ATOMIC_ACQUIRE);
        if (__atomic_load_n(&b->fast_armed, __ATOMIC_ACQUIRE) != generation) { lua_sethook(L, NULL, 0, 0); return; }
        if (clua_now_ns() - started > b->fast_window_ns) b->stop = CLUA_STOP_RERUN;
        else { lua_sethook(L, clua_hook, LUA_MASKCOUNT, 1000); return; }  /* not yet: look again */
    }
    if (b->stop == CLUA_STOP_NONE) {
        int interval = lua_gethookcount(L);
        double now = clua_now();
        if (b->cpu_start < 0) b->cpu_start = clua_thread_cpu();
        b->instructions += interval > 0 ? interval : 1;
        if (b->instruction_limit > 0 && b->instructions > b->instruction_limit)
            b->stop = CLUA_STOP_INSTRUCTIONS;
        else if (clua_over_time_at(b, now))
            b->stop = CLUA_STOP_TIME;
        else {
            int base = b->hook_interval > 0 ? b->hook_interval : 1000;
            int next = interval;
            double spent = now - b->last_hook, left = b->deadline - now;
            /* the next interval, as slow as the last, would run past the deadline: come sooner */
            if (b->deadline > 0 && spent > CLUA_SLOW_INTERVAL && spent > left) {
                double scaled = (double)interval * (left > 0 ? left : 0) / spent / 2.0;
                next = scaled < 1.0 ? 1 : (int)scaled;
            } else if (interval < base) {
                next = interval * 2 < base ? interval * 2 : base;
            }
            if (next != interval) lua_sethook(L, clua_hook, LUA_MASKCOUNT, next);
        }
        b->last_hook = now;
    }
    if (b->stop != CLUA_STOP_NONE) {
        clua_trip(b, L);
        lua_pushstring(L, clua_stop_message(b->stop));
        lua_error(L);
    }
}

/* ---- Fast mode ----------------------------------------------------------------------

   The count hook makes the VM call a function at every instruction (Lua 5.4 sets a per-frame
   trap for any count hook), which costs more than many rules do. A fast crossing runs rule calls
   with no hook at all; a watchdog thread arms the hook only for a call that has run longer than
   its window, and the hook then stops it with CLUA_STOP_RERUN, a verdict of no kind: the host runs
   that work again with exact budgets (the count hook, from the first instruction), so every
   verdict a budget gives is the exact one. The window is short enough that no call inside it can
   reach the instruction budget (the host sizes it from the budget and a VM speed far above any
   machine's), so a call that finishes within it would have finished under the hook too.
   Only the main thread runs rule code in a fast crossing (creating a coroutine asks for a rerun),
   so arming the main thread reaches it. The watchdog's state is this header's (only the runtime
   calls these functions). */

/* The watchdog itself (its thread and the states it watches) lives in the CLuaWatch target:
   clua_watch_register, clua_watch_unregister, clua_fast_begin, clua_fast_end. */

/* [safe] A rule call of the fast crossing begins: a fresh window. */
static inline void clua_fast_next(clua_budget *b) {
    __atomic_store_n(&b->fast_started_ns, clua_now_ns(), __ATOMIC_RELEASE);
    __atomic_add_fetch(&b->fast_generation, 1, __ATOMIC_RELEASE);
}

/* Charges work done outside the VM (pattern matching) to the instruction budget.
   Returns non-zero when the budget is exhausted (the caller raises). [safe] */
static inline int clua_charge(lua_State *L, int64_t work) {
    clua_budget *b = clua_budget_of(L);
    if (!b || !b->enforce) return 0;
    b->instructions += work;
    if (b->stop == CLUA_STOP_NONE) {
        if (b->instruction_limit > 0 && b->instructions > b->instruction_limit)
            b->stop = CLUA_STOP_INSTRUCTIONS;
        else if (work >= 4096 && clua_over_time_at(b, clua_now()))
            b->stop = CLUA_STOP_TIME;
    }
    if (b->stop != CLUA_STOP_NONE) { clua_trip(b, L); return 1; }
    return 0;
}

/* Charges work from C code that Lua called, raising the stop at once when the budget is spent. */
static void clua_charge_or_stop(lua_State *L, int64_t work) {
    if (clua_charge(L, work)) {
        lua_pushstring(L, clua_stop_message(clua_budget_of(L)->stop));
        lua_error(L);
    }
}

/* ---- Library functions charged for their work ------------------------------------------ */

/*
 * A C library function runs to its end once called: the count hook cannot stop it. Each
 * function whose work grows with an argument is wrapped in clua_charged, which estimates that
 * work from the arguments, charges it to the instruction budget (see clua_cost_bytes and
 * clua_cost_copy; an element counts 2) and checks the time, then calls the original with the same stack,
 * so its results and error messages ("bad argument #1 to 'rep'") are exactly stock Lua's.
 * Estimates never raise an error of their own: arguments the original will refuse cost nothing.
 */
enum {
    CLUA_COST_BYTES1 = 1,   /* the length of argument 1 (upper, lower, reverse, offset, tonumber) */
    CLUA_COST_SUB,          /* the slice s[i..j] (i = 1, j = -1 by default): sub */
    CLUA_COST_BYTE,         /* the slice s[i..j] (i = 1, j = i by default): byte, codepoint */
    CLUA_COST_UTF8LEN,      /* the slice s[i..j] (i = 1, j = -1): utf8.len */
    CLUA_COST_NARGS,        /* the number of arguments: char, utf8.char, select, table.pack */
    CLUA_COST_REP,          /* n copies of s and sep */
    CLUA_COST_FORMAT,       /* string.format: also refuses %p and hides addresses */
    CLUA_COST_ALLBYTES,     /* the length of every string argument: pack, unpack */
    CLUA_COST_TCONCAT,      /* table.concat(t, sep, i, j) */
    CLUA_COST_TUNPACK,      /* table.unpack(t, i, j) */
    CLUA_COST_TLEN,         /* #t: insert, remove */
    CLUA_COST_TMOVE,        /* table.move(a, f, e, t) */
    CLUA_COST_TSORT         /* table.sort: n log n comparisons, longer for long strings */
};

/* Work per byte: a byte processed one by one (upper, utf8.len) costs 1/8 of a VM instruction, a
   byte only copied (rep, sub, concat) 1/32. */
static inline double clua_cost_bytes(double bytes) { return bytes / 8.0; }
static inline double clua_cost_copy(double bytes) { return bytes / 32.0; }

/* Lua's start position of a slice (posrelatI). */
static lua_Integer clua_slice_start(lua_Integer pos, size_t len) {
    if (pos > 0) return pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return (lua_Integer)len + pos + 1;
}

/* Lua's end position of a slice (getendpos). */
static lua_Integer clua_slice_end(lua_Integer pos, size_t len) {
    if (pos > (lua_Integer)len) return (lua_Integer)len;
    if (pos >= 0) return pos;
    if (pos < -(lua_Integer)len) return 0;
    return (lua_Integer)len + pos + 1;
}

/* An integer argument, or def when it is absent; *ok is 0 when it is something else. */
static lua_Integer clua_opt_int(lua_State *L, int arg, lua_Integer def, int *ok) {
    int isnum = 0;
    lua_Integer v;
    if (lua_type(L, arg) <= LUA_TNIL) return def;
    v = lua_tointegerx(L, arg, &isnum);
    if (!isnum) { *ok = 0; return def; }
    return v;
}

static size_t clua_string_length(lua_State *L, int arg) {
    size_t len = 0;
    if (lua_type(L, arg) == LUA_TSTRING) (void)lua_tolstring(L, arg, &len);
    return len;
}

static double clua_slice_cost(lua_State *L, int default_end_is_start) {
    int ok = 1;
    size_t len;
    lua_Integer i, j;
    if (lua_type(L, 1) != LUA_TSTRING) return 0;
    len = clua_string_length(L, 1);
    i = clua_slice_start(clua_opt_int(L, 2, 1, &ok), len);
    j = clua_opt_int(L, 3, default_end_is_start ? i : -1, &ok);
    if (!ok) return 0;
    j = clua_slice_end(j, len);
    return j >= i ? (double)(j - i + 1) : 0;
}

/* The length of t as the table library sees it, or -1 when finding it would run rule code or
   raise (a __len metamethod): then the original does that itself. */
static lua_Integer clua_raw_table_length(lua_State *L, int arg, int *has_meta) {
    if (lua_type(L, arg) != LUA_TTABLE) { *has_meta = 0; return -1; }
    *has_meta = lua_getmetatable(L, arg);
    if (*has_meta) {
        lua_pop(L, 1);
        return -1;
    }
    return (lua_Integer)lua_rawlen(L, arg);
}

/* string.format: %p is refused, and tables, functions, threads and userdata printed with %s
   (no __tostring) show their type name, never an address. Returns the estimated cost. */
static double clua_format_check(lua_State *L, double *result_bytes) {
    size_t flen = 0, i;
    const char *f;
    int arg = 1, top = lua_gettop(L);
    double cost = 0;
    if (lua_type(L, 1) != LUA_TSTRING) return 0;
    f = lua_tolstring(L, 1, &flen);
    cost = (double)flen;
    for (i = 0; i < flen; i++) {
        if (f[i] != '%') continue;
        i++;
        if (i < flen && f[i] == '%') continue;
        while (i < flen && strchr("-+ #0123456789.", f[i]) != NULL) i++;
        if (i >= flen) break;
        arg++;
        if (f[i] == 'p') {
            luaL_error(L, "bad argument #%d to 'format' ('%%p' prints addresses and is not available in rules)", arg);
        }
        if (arg > top) continue;
        if (f[i] == 's') {
            int t = lua_type(L, arg);
            if (t == LUA_TSTRING) cost += (double)clua_string_length(L, arg);
            else if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA) {
                if (luaL_getmetafield(L, arg, "__tostring") != LUA_TNIL) lua_pop(L, 1);
                else {
                    lua_pushstring(L, lua_typename(L, t));
                    lua_replace(L, arg);
                }
            }
        } else if (f[i] == 'q' && lua_type(L, arg) == LUA_TSTRING) {
            cost += 4.0 * (double)clua_string_length(L, arg);
        }
    }
    *result_bytes = cost;
    return clua_cost_copy(cost) + top;
}

/* The work the call is about to do. *result_bytes receives the bytes it will produce, when known:
   a result larger than the memory left is refused by the allocator, as stock Lua refuses it
   ("not enough memory"), instead of being charged first. */
static double clua_estimate(lua_State *L, int kind, double *result_bytes) {
    int ok = 1, meta = 0, top = lua_gettop(L), k;
    double cost = 0;
    switch (kind) {
    case CLUA_COST_BYTES1:
        return clua_cost_bytes((double)clua_string_length(L, 1));
    case CLUA_COST_SUB:
        return clua_cost_copy(clua_slice_cost(L, 0));
    case CLUA_COST_BYTE:
        return 2.0 * clua_slice_cost(L, 1);
    case CLUA_COST_UTF8LEN:
        return clua_slice_cost(L, 0) / 2.0;
    case CLUA_COST_NARGS:
        return 2.0 * top;
    case CLUA_COST_REP: {
        lua_Integer n = clua_opt_int(L, 2, 0, &ok);
        double unit = (double)clua_string_length(L, 1) + (double)clua_string_length(L, 3);
        if (!ok || n <= 0) return 0;
        *result_bytes = unit * (double)n;
        return clua_cost_copy(unit * (double)n + (double)n);
    }
    case CLUA_COST_FORMAT:
        return clua_format_check(L, result_bytes);
    case CLUA_COST_ALLBYTES:
        for (k = 1; k <= top; k++) cost += (double)clua_string_length(L, k);
        return clua_cost_copy(cost);
    case CLUA_COST_TCONCAT: {
        lua_Integer n = clua_raw_table_length(L, 1, &meta), i, j, x;
        if (lua_type(L, 1) != LUA_TTABLE) return 0;
        i = clua_opt_int(L, 3, 1, &ok);
        if (meta && lua_type(L, 4) <= LUA_TNIL) n = luaL_len(L, 1);  /* what the original reads */
        j = clua_opt_int(L, 4, n, &ok);
        if (!ok || j < i) return 0;
        if (!meta) {
            /* a plain table: the original stops at the first value that is not text */
            for (x = i; x <= j; x++) {
                int t = lua_rawgeti(L, 1, x);
                size_t len = 0;
                if (t == LUA_TSTRING) (void)lua_tolstring(L, -1, &len);
                lua_pop(L, 1);
                if (t != LUA_TSTRING && t != LUA_TNUMBER) break;
                cost += 2.0 + clua_cost_copy((double)len);
                *result_bytes += (double)len;
            }
            return cost;
        }
        return 2.0 * ((double)j - (double)i + 1.0);
    }
    case CLUA_COST_TUNPACK: {
        lua_Integer n = clua_raw_table_length(L, 1, &meta), i, j;
        i = clua_opt_int(L, 2, 1, &ok);
        if (n < 0 && lua_type(L, 3) <= LUA_TNIL) n = 0;
        j = clua_opt_int(L, 3, n, &ok);
        if (!ok || j < i) return 0;
        /* more than the stack holds: the original refuses at once ("too many results") */
        if ((double)j - (double)i >= 1000000.0) return 0;
        return 2.0 * ((double)j - (double)i + 1.0);
    }
    case CLUA_COST_TLEN: {
        lua_Integer n = clua_raw_table_length(L, 1, &meta);
        if (meta) {
            if (lua_type(L, 1) != LUA_TTABLE) return 0;
            n = luaL_len(L, 1);  /* what the original reads; a bad __len raises its own error */
        }
        return n > 0 ? 2.0 * (double)n : 0;
    }
    case CLUA_COST_TMOVE: {
        lua_Integer f = clua_opt_int(L, 2, 0, &ok), e = clua_opt_int(L, 3, 0, &ok),
                    t = clua_opt_int(L, 4, 0, &ok), n;
        if (!ok || lua_type(L, 2) <= LUA_TNIL || lua_type(L, 3) <= LUA_TNIL || lua_type(L, 4) <= LUA_TNIL) return 0;
        if (e < f) return 0;
        if (!(f > 0 || e < LUA_MAXINTEGER + f)) return 0;   /* "too many elements to move" */
        n = e - f + 1;
        if (!(t <= LUA_MAXINTEGER - n + 1)) return 0;       /* "destination wrap around" */
        return 2.0 * (double)n;
    }
    case CLUA_COST_TSORT: {
        lua_Integer n = clua_raw_table_length(L, 1, &meta), x;
        size_t longest = 0;
        if (lua_type(L, 1) != LUA_TTABLE) return 0;
        if (meta) n = luaL_len(L, 1);
        if (n <= 1 || n >= INT_MAX) return 0;               /* nothing to do, or "array too big" */
        /* reading every element to find the longest string is work too: charge it first (with
           a metatable it runs metamethods, which the hook counts when they are Lua functions) */
        if (meta) clua_charge_or_stop(L, 2 * (int64_t)n);
        for (x = 1; x <= n; x++) {
            if ((meta ? lua_geti(L, 1, x) : lua_rawgeti(L, 1, x)) == LUA_TSTRING) {
                size_t len = 0;
                (void)lua_tolstring(L, -1, &len);
                if (len > longest) longest = len;
            }
            lua_pop(L, 1);
        }
        /* each comparison of two strings may read the longer one to its end */
        return (double)n * (log2((double)n) + 1.0) * (2.0 + (double)longest / 64.0) + (double)n;
    }
    default:
        return 0;
    }
}

static int clua_charged(lua_State *L) {
    lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    double cost, result_bytes = 0;
    clua_budget *b = clua_budget_of(L);
    cost = clua_estimate(L, kind, &result_bytes);
    /* These functions build their result in a buffer of the auxiliary library, which asks the
       allocator directly: unlike the VM's own allocations, a refusal there is not retried after
       an emergency collection. So when the result (with the buffer's doubling and the final
       copy, three times its size) might not fit beside what the heap holds, collect first:
       whether it fits then depends on live data alone, never on garbage an earlier call left. */
    if (b && b->memory_limit > 0 && result_bytes * 3 > (double)b->memory_limit - (double)b->memory_used)
        lua_gc(L, LUA_GCCOLLECT, 0);
    if (b && b->memory_limit > 0 && result_bytes > (double)b->memory_limit - (double)b->memory_used)
        cost = 0; /* the allocator refuses it */
    clua_charge_or_stop(L, cost >= 4e18 ? (int64_t)4e18 : (int64_t)cost);  /* no-op outside calls */
    return f(L);
}

/* ccall(f, ...): calls f and returns its first result, with no continuation, as C library
   functions call Lua: code inside cannot yield across it, and coroutine.isyieldable() is false
   there, as in the callbacks of stock string.gsub (the sandbox's gsub is Lua). */
static int clua_ccall(lua_State *L) {
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* An entry point written in Lua, called through C: calls its upvalue with the arguments and
   returns all it returns. A Lua function's tail call (`return require(...)`) replaces the caller's
   frame with the callee's, so an error the callee raises about its caller would find no line of
   the caller's left; a C function is never called in place of its caller, so the caller's frame,
   and its line, stay. No continuation: code inside cannot yield across it (stock `require`'s
   loaders cannot either). The Lua inside sees this function one level above itself. */
static int clua_entry(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* entry(f): f behind clua_entry (for the sandbox prelude). */
static int clua_make_entry(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    lua_pushcclosure(L, clua_entry, 1);
    return 1;
}

/* [safe] The first byte at or after `from` of the `n` at p that a JSON string cannot hold as it is
   (below 0x20, a quote, a backslash), or n: sixteen bytes at a time where the processor has SSE2
   (every x86-64), then eight, then byte by byte. What JSON writers escape and where a reader's
   plain run of a string stops (LuaValue.firstJSONSpecialByte). */
static inline size_t clua_json_special(const unsigned char *p, size_t from, size_t n) {
    size_t i = from;
#if defined(__SSE2__)
    if (p) {
        const __m128i quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C), below = _mm_set1_epi8(0x1F);
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
            /* v <= 0x1F unsigned: min(v, 0x1F) == v */
            __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                           _mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
            int mask = _mm_movemask_epi8(special);
            if (mask) return i + (size_t)__builtin_ctz((unsigned)mask);
            i += 16;
        }
    }
#endif
    /* eight bytes at a time while none of them can be one (a word-wide "has a byte less than k"
       test, exact as a yes/no for k <= 128): most strings are short */
    if (p) {
        const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (i + 8 <= n) {
            uint64_t w, quote, backslash;
            memcpy(&w, p + i, 8);
            quote = w ^ (ones * 0x22);
            backslash = w ^ (ones * 0x5C);
            if ((((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs) break;
            i += 8;
        }
    }
    for (; i < n; i++) {
        unsigned char b = p[i];
        if (b < 0x20 || b == 0x22 || b == 0x5C) return i;
    }
    return n;
}

/* tostring(v) as in Lua, but never an address: a table, function, thread or userdata without
   __tostring prints as its __name or its type name, the JSON null as "null". Being C, its
   argument errors read exactly like stock Lua's. */
static int clua_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_callmeta(L, 1, "__tostring")) {
        if (!lua_isstring(L, -1)) return luaL_error(L, "'__tostring' must return a string");
        lua_tolstring(L, -1, NULL); /* a number becomes its text, as in luaL_tolstring */
        return 1;
    }
    switch (lua_type(L, 1)) {
    case LUA_TNUMBER: case LUA_TSTRING: case LUA_TBOOLEAN: case LUA_TNIL:
        luaL_tolstring(L, 1, NULL);
        return 1;
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, 1) == NULL) { lua_pushliteral(L, "null"); return 1; }
        break;
    default:
        break;
    }
    if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING) return 1;
    lua_pushstring(L, luaL_typename(L, 1));
    return 1;
}

/* charged(f, kind): the C function f behind clua_charged (for the sandbox prelude). */
static int clua_make_charged(lua_State *L) {
    luaL_argcheck(L, lua_iscfunction(L, 1), 1, "C function expected");
    luaL_checkinteger(L, 2);
    lua_settop(L, 2);
    lua_pushcclosure(L, clua_charged, 2);
    return 1;
}

/*
 * Small blocks. Most of what Lua allocates is small and short-lived (strings, tables, closures,
 * hash parts of a few nodes): blocks of up to CLUA_POOL_LARGEST bytes come from the state's own
 * free lists, one per 16-byte size class, cut from 64 KiB chunks, and go back to them when Lua
 * frees them; larger blocks are the C library's. Lua always tells the allocator a block's size
 * when it frees or resizes it, so a block needs no header. The budget counts the bytes Lua asked
 * for, as before, so a memory verdict does not depend on the pool. The chunks are given back
 * when the state is closed (clua_close); until then a state keeps what it once held in small
 * blocks, as the C library would keep it in its own lists.
 */
#define CLUA_POOL_GRAIN 16
#define CLUA_POOL_LARGEST 512
#define CLUA_POOL_CHUNK (64 * 1024)

typedef struct clua_pool {
    void *free[CLUA_POOL_LARGEST / CLUA_POOL_GRAIN];   /* class c: blocks of (c + 1) * 16 bytes */
    char *bump, *bump_end;                            /* the rest of the newest chunk */
    void *chunks;                                     /* every chunk, linked through its first word */
} clua_pool;

static inline size_t clua_pool_class(size_t size) { return (size - 1) / CLUA_POOL_GRAIN; }

/* The first block of a free list, taken off it (NULL when it is empty). The block after it is
   fetched while Lua works: most were freed by the collector's sweeps, far from each other and
   long out of the cache. */
static inline void *clua_pool_pop(void **list) {
    void *block = *list;
    if (block) {
        void *next = *(void **)block;
        *list = next;
        __builtin_prefetch(next);
    }
    return block;
}

/* A block of `size` (1...CLUA_POOL_LARGEST) bytes; NULL when out of memory. */
static void *clua_pool_take(clua_budget *b, size_t size) {
    clua_pool *pool = b->pool;
    if (!pool) {
        pool = (clua_pool *)calloc(1, sizeof *pool);
        if (!pool) return NULL;
        b->pool = pool;
    }
    size_t c = clua_pool_class(size);
    void *block = clua_pool_pop(&pool->free[c]);
    if (block) return block;
    size_t rounded = (c + 1) * CLUA_POOL_GRAIN;
    if ((size_t)(pool->bump_end - pool->bump) < rounded) {
        size_t left = (size_t)(pool->bump_end - pool->bump);   /* a multiple of the grain */
        if (left >= CLUA_POOL_GRAIN) {   /* the old chunk's tail joins the free list of its size */
            size_t tail = clua_pool_class(left);
            *(void **)pool->bump = pool->free[tail];
            pool->free[tail] = pool->bump;
        }
        char *chunk = (char *)malloc(CLUA_POOL_CHUNK);
        if (!chunk) return NULL;
        *(void **)chunk = pool->chunks;
        pool->chunks = chunk;
        pool->bump = chunk + CLUA_POOL_GRAIN;   /* malloc's alignment, kept by every class */
        pool->bump_end = chunk + CLUA_POOL_CHUNK;
    }
    block = pool->bump;
    pool->bump += rounded;
    return block;
}

static inline void clua_pool_give(clua_budget *b, void *block, size_t size) {
    size_t c = clua_pool_class(size);
    *(void **)block = b->pool->free[c];
    b->pool->free[c] = block;
}

/* What realloc does, with small blocks from the pool: `old` is the block's size (0 for none),
   `size` > 0. NULL (the block untouched) when out of memory. */
static void *clua_block_resize(clua_budget *b, void *block, size_t old, size_t size) {
    int was_small = old <= CLUA_POOL_LARGEST, small = size <= CLUA_POOL_LARGEST;
    if (!block) return small ? clua_pool_take(b, size) : malloc(size);
    if (!was_small && !small) return realloc(block, size);
    if (was_small && small && clua_pool_class(old) == clua_pool_class(size)) return block;
    void *moved = small ? clua_pool_take(b, size) : malloc(size);
    if (!moved) return NULL;
    memcpy(moved, block, old < size ? old : size);
    if (was_small) clua_pool_give(b, block, old);
    else free(block);
    return moved;
}

static inline void clua_block_free(clua_budget *b, void *block, size_t size) {
    if (size <= CLUA_POOL_LARGEST) clua_pool_give(b, block, size);
    else free(block);
}

/*
 * The allocator. Requests beyond the cap are refused; Lua then runs an emergency collection
 * and retries the same request once. Only a refused retry (or a refusal Lua could not retry)
 * is final: it records CLUA_STOP_MEMORY, so rule code cannot swallow it with pcall, and opens
 * the reserve so unwinding and the host's error handling still have room.
 */
__attribute__((noinline)) static void *clua_alloc_any(clua_budget *b, void *ptr, size_t osize, size_t nsize) {
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (ptr) { clua_block_free(b, ptr, old); b->memory_used -= old; }
        return NULL;
    }
    if (nsize > old) {
        int retry = b->pending && b->pending_block == ptr && b->pending_size == nsize;
        if (b->pending && !retry && b->stop == CLUA_STOP_NONE && !b->host_mode) {
            /* the earlier refusal was not retried: it was final */
            b->stop = CLUA_STOP_MEMORY;
            clua_trip(b, NULL);
        }
        b->pending = 0;
        if (b->memory_limit > 0) {
            size_t cap = b->memory_limit;
            if (b->host_mode || b->stop != CLUA_STOP_NONE) cap += b->memory_reserve;
            if (b->memory_used + (nsize - old) > cap) {
                if (retry) {
                    if (b->stop == CLUA_STOP_NONE && !b->host_mode) {
                        b->stop = CLUA_STOP_MEMORY;
                        clua_trip(b, NULL);
                    }
                } else {
                    b->pending = 1;
                    b->pending_block = ptr;
                    b->pending_size = nsize;
                }
                return NULL;
            }
        }
    }
    /* a large block means long copying work inside one instruction (concatenating long strings):
       check the time here too, so that a loop of such instructions meets the deadline */
    if (b->enforce && !b->host_mode && nsize - old >= ((size_t)1 << 20) && nsize > old &&
        b->stop == CLUA_STOP_NONE && clua_over_time_at(b, clua_now())) {
        b->stop = CLUA_STOP_TIME;
        clua_trip(b, NULL);
    }
    void *p = clua_block_resize(b, ptr, old, nsize);
    if (!p) return NULL;
    b->memory_used = b->memory_used - old + nsize;
    if (b->memory_used > b->memory_peak) b->memory_peak = b->memory_used;
    return p;
}

/* Lua's allocator function: the two commonest requests here, everything else in clua_alloc_any.
   A small block freed, and a new small block from its free list within the cap while no refusal
   is pending (the cap with the reserve is never smaller than the cap without, and a small block
   is never a long copy): exactly what clua_alloc_any does for them, without its checks and its
   saved registers. Together most of Lua's requests. */
static void *clua_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_budget *b = (clua_budget *)ud;
    if (ptr && nsize == 0 && osize <= CLUA_POOL_LARGEST) {
        clua_pool_give(b, ptr, osize);
        b->memory_used -= osize;
        return NULL;
    }
    if (!ptr && nsize - 1 < CLUA_POOL_LARGEST && !b->pending && b->pool &&
        (b->memory_limit == 0 || b->memory_used + nsize <= b->memory_limit)) {
        void *block = clua_pool_pop(&b->pool->free[clua_pool_class(nsize)]);
        if (block) {
            b->memory_used += nsize;
            if (b->memory_used > b->memory_peak) b->memory_peak = b->memory_used;
            return block;
        }
    }
    return clua_alloc_any(b, ptr, osize, nsize);
}

/* [safe] Creates a state whose allocator and hook use the budget. NULL when out of memory. */
static inline lua_State *clua_newstate(clua_budget *b) {
    lua_State *L = lua_newstate(clua_alloc, b);
    if (!L) return NULL;
    *(clua_budget **)lua_getextraspace(L) = b;
    b->main = L;
    return L;
}

/* [safe] Closes a state made by clua_newstate and gives back its pool's chunks. */
static inline void clua_close(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    lua_close(L);
    clua_pool *pool = b->pool;
    if (!pool) return;
    for (void *chunk = pool->chunks; chunk;) {
        void *next = *(void **)chunk;
        free(chunk);
        chunk = next;
    }
    free(pool);
    b->pool = NULL;
}

/* [safe] Arms the count hook on the main thread; threads created afterwards inherit it. */
static inline void clua_arm(lua_State *L, clua_budget *b) {
    b->last_hook = clua_now();
    lua_sethook(L, clua_hook, LUA_MASKCOUNT, b->hook_interval > 0 ? b->hook_interval : 1000);
}

/* [safe] The time budgets of a rule call starting at `now`, from the call's limits
   (call_timeout, call_wall): the CPU-time budget, checked from `deadline` on, and the wall-clock
   safety net. The caller sets cpu_start. */
static inline void clua_time_budgets(clua_budget *b, double now) {
    b->deadline = now + b->call_timeout;
    b->wall_deadline = now + b->call_wall;
    b->cpu_limit = b->call_timeout;
}

/* ---- What a deep recursion leaves ---------------------------------------------------

   A recursion that returns leaves the stack it grew, and the list of call frames, as they were
   at its deepest: Lua shrinks them only when an error is caught (the stack to twice what is in
   use, the frames by half each time) or in a collection outside an emergency. Until then they
   count against the memory cap, and a later recursion finds them already made: how much memory
   a call has, and so a memory verdict, would depend on what ran before it. So every rule call
   begins by giving them back: an error caught here makes Lua shrink them, repeated while that
   frees anything (a dozen times after a recursion 100,000 calls deep; once, at a fraction of a
   microsecond, otherwise). Shrinking never allocates. */
static int clua_raise_nil(lua_State *L) {
    lua_pushnil(L);
    return lua_error(L);
}

/* [safe] Gives back the stack and call frames left above the running frame (see above). */
static void clua_settle_stack(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    int i;
    for (i = 0; i < 64; i++) {
        size_t before = b ? b->memory_used : 0;
        if (!lua_checkstack(L, 2)) return;
        lua_pushcfunction(L, clua_raise_nil);
        (void)lua_pcall(L, 0, 0, 0);
        lua_pop(L, 1);
        if (!b || b->memory_used >= before) return;
    }
}

/* host.next_call(): fresh budgets for the next rule call of a crossing, as the host gives a call
   (the CPU clock is read at the first hook: a system call most calls never need); in fast mode
   a fresh window and no hook, otherwise the count hook from here. */
static int clua_next_call(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    if (!b) return 0;
    clua_settle_stack(L);
    b->instructions = 0;
    b->call_serial++;
    clua_time_budgets(b, clua_now());
    b->cpu_start = -1;
    if (b->fast) clua_fast_next(b); else clua_arm(L, b);
    return 0;
}

/* ---- Pattern matching ------------------------------------------------------------------

   The sandbox's string.find, match, gmatch and gsub are C functions of their own, with Lua 5.4's
   answers and messages and every unit of matching work counted against the budget
   (Sources/CLuaPatterns/clua_patterns.c). host.patterns(violate) returns them in a table. */
int clua_patterns_open(lua_State *L);

/* ---- The engine's traced case views, in C ------------------------------------------

   A rule reads a case through views that record each field read into the trace of the call
   running; this is the hottest Lua the engine has (every read a rule makes goes through it), so
   its two pieces are C functions the engine library installs (host.view_index, host.path_steps).
   They do exactly what the engine's Lua did; only engine-owned tables are touched raw. */

/* The reads of the calls of a crossing, kept in one buffer (a userdata in slot 3 of the engine's
   box) rather than in Lua tables the host would copy and decode: each read is
     u32 length, the path's bytes, a kind ('t' table, 'a' absent, 'v' value), and for a value
     its copy tag ('N' null, 'T', 'F', 'I' + 8 bytes, 'D' + 8 bytes, 'S' + u32 length + bytes; 'X'
     for anything else, which the host refuses as it refuses it in a result).
   A call's reads are a span of the buffer (host.trace_kit's begin, and its mark after); the buffer
   is emptied when a crossing starts. It is Lua memory: it counts against the state's cap. A
   crossing starts with a buffer of the initial size whatever the crossings before it read, so
   that no case leaves memory in use for the next (results must not depend on the order of cases).
   A call records each path once: the crossing's `seen` table (slot 4 of the box, made again when
   the crossing starts) maps each path recorded to the number of the call that recorded it last,
   and `call` is the number of the call running (kit.begin counts them). One table for the
   crossing, not one per call: a read of a path that an earlier call of the crossing recorded
   changes a number in place. */
typedef struct clua_trace_buffer {
    size_t len, cap;
    lua_Integer call;
    unsigned char data[];
} clua_trace_buffer;

enum { CLUA_TRACE_INITIAL = 16384 };

/* A new, empty buffer of `cap` bytes with `len` bytes of `from` in it, in slot 3 of the box at
   index box (raises a memory error past the cap). */
static clua_trace_buffer *clua_trace_new(lua_State *L, int box, size_t cap, const clua_trace_buffer *from) {
    clua_trace_buffer *tb = (clua_trace_buffer *)lua_newuserdatauv(L, sizeof(clua_trace_buffer) + cap, 0);
    tb->len = from ? from->len : 0;
    tb->cap = cap;
    tb->call = from ? from->call : 0;
    if (tb->len) memcpy(tb->data, from->data, tb->len);
    lua_rawseti(L, box, 3);
    return tb;
}

/* [safe] The buffer in slot 3 of the box at index box, or NULL. (The box holds it, so the
   pointer stays valid while the box keeps that buffer.) */
static clua_trace_buffer *clua_trace_at(lua_State *L, int box) {
    clua_trace_buffer *tb = NULL;
    if (lua_rawgeti(L, box, 3) == LUA_TUSERDATA) tb = (clua_trace_buffer *)lua_touserdata(L, -1);
    lua_pop(L, 1);
    return tb;
}

/* The buffer tb (the one in slot 3 of the box at index box, or NULL), with room for `more` bytes
   (grown by doubling into a new userdata; raises a memory error past the cap). */
static clua_trace_buffer *clua_trace_room(lua_State *L, int box, clua_trace_buffer *tb, size_t more) {
    if (tb && tb->cap - tb->len >= more) return tb;
    size_t len = tb ? tb->len : 0, cap = tb ? tb->cap : 0;
    size_t want = cap < CLUA_TRACE_INITIAL ? CLUA_TRACE_INITIAL : cap * 2;
    if (want - len < more) want = len + more;
    return clua_trace_new(L, box, want, tb);
}

/* Appends the read of `path` (index p, a string) with value (index x) to the box's buffer tb. */
static void clua_trace_append(lua_State *L, int box, clua_trace_buffer *tb, int p, int x) {
    size_t plen, slen = 0;
    const char *path = lua_tolstring(L, p, &plen);
    const char *str = NULL;
    unsigned char kind, tag = 0;
    size_t need = 4 + plen + 1;
    switch (lua_type(L, x)) {
    case LUA_TTABLE: kind = 't'; break;
    case LUA_TNIL: kind = 'a'; break;
    case LUA_TSTRING: kind = 'v'; tag = 'S'; str = lua_tolstring(L, x, &slen); need += 1 + 4 + slen; break;
    case LUA_TNUMBER: kind = 'v'; tag = lua_isinteger(L, x) ? 'I' : 'D'; need += 9; break;
    case LUA_TBOOLEAN: kind = 'v'; tag = lua_toboolean(L, x) ? 'T' : 'F'; need += 1; break;
    case LUA_TLIGHTUSERDATA: kind = 'v'; tag = lua_touserdata(L, x) == NULL ? 'N' : 'X'; need += 1; break;
    default: kind = 'v'; tag = 'X'; need += 1; break;
    }
    if (plen > UINT32_MAX || slen > UINT32_MAX) luaL_error(L, "a read's path or value is too long to trace");
    tb = clua_trace_room(L, box, tb, need);
    unsigned char *w = tb->data + tb->len;
    uint32_t n32 = (uint32_t)plen;
    memcpy(w, &n32, 4); w += 4;
    memcpy(w, path, plen); w += plen;
    *w++ = kind;
    if (kind == 'v') {
        *w++ = tag;
        if (tag == 'S') {
            n32 = (uint32_t)slen;
            memcpy(w, &n32, 4); w += 4;
            memcpy(w, str, slen); w += slen;
        } else if (tag == 'I') {
            int64_t v = (int64_t)lua_tointeger(L, x);
            memcpy(w, &v, 8); w += 8;
        } else if (tag == 'D') {
            double v = (double)lua_tonumber(L, x);
            memcpy(w, &v, 8); w += 8;
        }
    }
    tb->len = (size_t)(w - tb->data);
}

/* Records a read of `path` (index p) with value (index x) in the call running, each path once
   per call (the crossing's `seen` table, slot 4 of the box), into the box's buffer (index box). */
static void clua_trace_read(lua_State *L, int box, int p, int x) {
    clua_trace_buffer *tb = clua_trace_at(L, box);
    lua_Integer call = tb ? tb->call : 0;
    if (lua_rawgeti(L, box, 4) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 32);                     /* sized for a case's usual paths */
        lua_pushvalue(L, -1);
        lua_rawseti(L, box, 4);
    } else {
        lua_pushvalue(L, p);
        int recorded = lua_rawget(L, -2) == LUA_TNUMBER && lua_tointeger(L, -1) == call;
        lua_pop(L, 1);
        if (recorded) { lua_pop(L, 1); return; }
    }
    lua_pushvalue(L, p);
    lua_pushinteger(L, call);
    lua_rawset(L, -3);                                 /* seen[path] = this call */
    lua_pop(L, 1);
    clua_trace_append(L, box, tb, p, x);
}

/* Pushes the path of field `key` under a view whose path is the string at `path`, as the
   engine's path_join writes it: path .. "[" .. key .. "]" for a number key, tostring(key)
   under the root, else path .. "." .. tostring(key). A string key is written as it is and an
   integer as Lua writes one (lua_integer2str), straight into the buffer; other keys through
   tostring, as path_join does. */
static void clua_push_field_path(lua_State *L, int path, int key) {
    path = lua_absindex(L, path);
    key = lua_absindex(L, key);
    size_t pl = 0;
    const char *pp = lua_tolstring(L, path, &pl);
    if (!pp) luaL_error(L, "a case view without a path");
    int type = lua_type(L, key);
    if (pl == 0 && type != LUA_TNUMBER) {
        if (type == LUA_TSTRING) lua_pushvalue(L, key);
        else luaL_tolstring(L, key, NULL);
        return;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addlstring(&b, pp, pl);
    if (type == LUA_TNUMBER) {
        luaL_addchar(&b, '[');
        if (lua_isinteger(L, key)) {
            /* as LUA_INTEGER_FMT ("%lld") writes it, without snprintf's format parsing */
            lua_Integer v = lua_tointeger(L, key);
            char digits[24], *d = digits + sizeof digits;
            unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            do { *--d = (char)('0' + u % 10); u /= 10; } while (u);
            if (v < 0) *--d = '-';
            luaL_addlstring(&b, d, (size_t)(digits + sizeof digits - d));
        } else {
            lua_pushvalue(L, key);
            luaL_addvalue(&b);                         /* a float as concatenation writes it */
        }
        luaL_addchar(&b, ']');
    } else {
        luaL_addchar(&b, '.');
        if (type == LUA_TSTRING) lua_pushvalue(L, key);
        else luaL_tolstring(L, key, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
}

/* The views' __index (a closure of host.view_index(box, mt, null)); box[1] maps each view to its
   state { shown table, path, paths of its fields, views of its fields, and once pairs has listed
   them, its keys and the listing's work (clua_pairs_view) }, box[2] is the trace of
   the call running. Returns the field, as a view when it is a table, and records the read. */
static int clua_view_read(lua_State *L) {
    lua_settop(L, 2);                                  /* 1 view, 2 key */
    int box = lua_upvalueindex(1), mt = lua_upvalueindex(2);
    lua_rawgeti(L, box, 1);                            /* 3 the views' states */
    lua_pushvalue(L, 1);
    if (lua_rawget(L, 3) != LUA_TTABLE) return luaL_error(L, "not a view of this crossing's case"); /* 4 */
    lua_rawgeti(L, 4, 1);                              /* 5 the table shown */
    lua_pushvalue(L, 2);
    lua_gettable(L, 5);                                /* 6 x = shown[key] */
    int key_type = lua_type(L, 2);
    int cached = key_type == LUA_TSTRING || (key_type == LUA_TNUMBER && lua_isinteger(L, 2));
    if (lua_rawgeti(L, 4, 3) == LUA_TTABLE) {          /* 7 paths of the fields read so far */
        lua_pushvalue(L, 2);
        lua_rawget(L, 7);                              /* 8 */
    } else {
        lua_pushnil(L);                                /* 8 */
    }
    if (lua_isnil(L, 8)) {
        lua_pop(L, 1);
        lua_rawgeti(L, 4, 2);                          /* the view's own path */
        clua_push_field_path(L, -1, 2);
        lua_replace(L, -2);                            /* 8 the field's path */
        if (cached) {
            if (lua_type(L, 7) != LUA_TTABLE) {
                lua_createtable(L, 0, 4);              /* room for a few fields: no growing from empty */
                lua_replace(L, 7);
                lua_pushvalue(L, 7);
                lua_rawseti(L, 4, 3);
            }
            lua_pushvalue(L, 2);
            lua_pushvalue(L, 8);
            lua_rawset(L, 7);
        }
    }
    if (lua_rawgeti(L, box, 2) != LUA_TTABLE) return luaL_error(L, "the case was read outside an indicator call");
    clua_trace_read(L, box, 8, 6);
    if (lua_type(L, 6) != LUA_TTABLE) { lua_pushvalue(L, 6); return 1; }
    if (lua_rawgeti(L, 4, 4) != LUA_TTABLE) {          /* 10 views of the fields */
        lua_pop(L, 1);
        lua_createtable(L, 0, 4);
        lua_pushvalue(L, -1);
        lua_rawseti(L, 4, 4);
    }
    lua_pushvalue(L, 2);
    if (lua_rawget(L, 10) != LUA_TNIL) return 1;       /* the field's view, made before */
    lua_pop(L, 1);
    lua_newtable(L);                                   /* 11 a new view of the field */
    lua_pushvalue(L, mt);
    lua_setmetatable(L, 11);
    lua_pushvalue(L, 11);
    lua_createtable(L, 4, 0);
    lua_pushvalue(L, 6);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, 8);
    lua_rawseti(L, -2, 2);
    lua_rawset(L, 3);                                  /* states[view] = { x, path } */
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 11);
    lua_rawset(L, 10);                                 /* views[key] = view */
    return 1;
}

/* host.view_index(box, mt): the views' __index over box (see clua_view_read). */
static int clua_view_index(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    lua_pushcclosure(L, clua_view_read, 2);
    return 1;
}

/* The kit's buffer, or NULL (upvalue 1 of the kit's functions is the box). */
static clua_trace_buffer *clua_trace_of(lua_State *L) { return clua_trace_at(L, lua_upvalueindex(1)); }

/* kit.record(path, value): a read the engine makes for a rule (ctx.cited), recorded in the call
   running as the views record theirs. */
static int clua_trace_record(lua_State *L) {
    luaL_checktype(L, 1, LUA_TSTRING);
    lua_settop(L, 2);
    clua_trace_read(L, lua_upvalueindex(1), 1, 2);
    return 0;
}

/* kit.begin(): a call starts (its reads are recorded afresh, each path once); returns the mark
   where its reads begin. */
static int clua_trace_begin(lua_State *L) {
    clua_trace_buffer *tb = clua_trace_of(L);
    if (tb) tb->call++;
    lua_pushinteger(L, tb ? (lua_Integer)tb->len : 0);
    return 1;
}

/* kit.mark(): the bytes recorded so far (where the next read goes). */
static int clua_trace_mark(lua_State *L) {
    clua_trace_buffer *tb = clua_trace_of(L);
    lua_pushinteger(L, tb ? (lua_Integer)tb->len : 0);
    return 1;
}

/* kit.capacity(): the bytes the buffer holds without growing. */
static int clua_trace_capacity(lua_State *L) {
    clua_trace_buffer *tb = clua_trace_of(L);
    lua_pushinteger(L, tb ? (lua_Integer)tb->cap : 0);
    return 1;
}

/* kit.reset(): empties the buffer (a crossing starts); one that grew is replaced by one of the
   initial size (the larger one is garbage), and so is the `seen` table, whatever its size. */
static int clua_trace_reset(lua_State *L) {
    clua_trace_buffer *tb = clua_trace_of(L);
    if (tb && tb->cap <= CLUA_TRACE_INITIAL) tb->len = 0;
    else clua_trace_new(L, lua_upvalueindex(1), CLUA_TRACE_INITIAL, NULL);
    lua_pushnil(L);
    lua_rawseti(L, lua_upvalueindex(1), 4);
    return 0;
}

/* host.trace_kit(box): { begin, record, mark, reset, capacity } over box's buffer (see clua_trace_buffer),
   which it makes at the initial size; box becomes the one the host reads after a call
   (clua_trace_span). */
static int clua_trace_kit(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    clua_budget *b = clua_budget_of(L);
    if (b) {
        int old = b->trace_box_ref;
        lua_pushvalue(L, 1);
        b->trace_box_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        if (old > 0) luaL_unref(L, LUA_REGISTRYINDEX, old);
    }
    static const luaL_Reg kit[] = {
        { "begin", clua_trace_begin }, { "record", clua_trace_record }, { "mark", clua_trace_mark },
        { "reset", clua_trace_reset }, { "capacity", clua_trace_capacity }, { NULL, NULL }
    };
    clua_trace_new(L, 1, CLUA_TRACE_INITIAL, NULL);
    lua_createtable(L, 0, 5);
    for (const luaL_Reg *f = kit; f->name; f++) {
        lua_pushvalue(L, 1);
        lua_pushcclosure(L, f->func, 1);
        lua_setfield(L, -2, f->name);
    }
    return 1;
}

/* ---- Freezing a module's tables ---------------------------------------------------------

   What SandboxPrelude's freeze_table did in Lua, where a framework's load spent a third of its
   time (two thousand tables for the core framework). freeze_table(t) moves t's contents to a new
   table behind a protected metatable: t keeps its identity, holds nothing itself, reads as before
   and lists its keys in the order the sandbox's views do (ordered_keys: numbers, then strings,
   then booleans, each in Lua's `<` order; other keys after them, in `next` order). That list is
   made when the table is first walked with pairs (clua_frozen_keys; most never are): until then
   the metatable's MARK is false. The kit's upvalues are the prelude's private values (see
   host.freeze_kit). */

enum { CLUA_FZ_HOST = 1, CLUA_FZ_MARK, CLUA_FZ_TARGET, CLUA_FZ_FROZEN, CLUA_FZ_PROTECTED,
       CLUA_FZ_NOMETA, CLUA_FZ_NEWINDEX, CLUA_FZ_LEN, CLUA_FZ_PAIRS, CLUA_FZ_COUNT = CLUA_FZ_PAIRS };

static int clua_key_rank(int type) {
    return type == LUA_TNUMBER ? 1 : type == LUA_TSTRING ? 2 : 3;  /* only these three are sorted */
}

/* Whether keys[a] sorts before keys[b] (the prelude's key_before; distinct keys, so a total order). */
static int clua_key_less(lua_State *L, int keys, lua_Integer a, lua_Integer b) {
    lua_rawgeti(L, keys, a);
    lua_rawgeti(L, keys, b);
    int ta = lua_type(L, -2), tb = lua_type(L, -1), less;
    if (ta != tb) less = clua_key_rank(ta) < clua_key_rank(tb);
    else if (ta == LUA_TBOOLEAN) less = !lua_toboolean(L, -2) && lua_toboolean(L, -1);
    else less = lua_compare(L, -2, -1, LUA_OPLT);  /* numbers and strings: no metamethod, no error */
    lua_pop(L, 2);
    return less;
}

/* Sorts order[0..n) (positions in keys) by clua_key_less; scratch holds n more. */
static void clua_key_sort(lua_State *L, int keys, lua_Integer *order, lua_Integer *scratch, size_t n) {
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) scratch[k++] = clua_key_less(L, keys, order[j], order[i]) ? order[j++] : order[i++];
            while (i < mid) scratch[k++] = order[i++];
            while (j < hi) scratch[k++] = order[j++];
        }
        memcpy(order, scratch, n * sizeof *order);
    }
}

/* What the first pass over a table's keys finds (clua_count_keys), for clua_push_ordered_keys. */
typedef struct clua_key_count {
    lua_Integer all;       /* keys */
    lua_Integer integers;  /* integer keys (to size a copy) */
    lua_Integer sortable;  /* numbers, strings and booleans */
    size_t longest;        /* the longest string key */
    int sort;              /* the sortable keys do not come as 1..n in `next` order */
} clua_key_count;

static clua_key_count clua_count_keys(lua_State *L, int t) {
    clua_key_count c = { 0, 0, 0, 0, 0 };
    int sequence = 1;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        c.all++;
        if (lua_isinteger(L, -1)) c.integers++;
        int type = lua_type(L, -1);
        if (type == LUA_TSTRING || type == LUA_TNUMBER || type == LUA_TBOOLEAN) {
            c.sortable++;
            if (sequence) sequence = lua_isinteger(L, -1) && lua_tointeger(L, -1) == c.sortable;
            if (type == LUA_TSTRING) {
                size_t len = 0;
                (void)lua_tolstring(L, -1, &len);  /* a string already: nothing converted */
                if (len > c.longest) c.longest = len;
            }
        }
    }
    c.sort = !sequence && c.sortable > 1;
    return c;
}

/* The work of listing counted keys (clua_push_ordered_keys), as instructions: a few per key, and
   a sort's comparisons as table.sort is charged (longer for long strings) when there is one. */
static int64_t clua_key_listing_work(const clua_key_count *c) {
    int64_t work = 8 * (int64_t)c->all;
    double n = (double)c->sortable;
    if (c->sort) work += (int64_t)(n * (log2(n) + 1.0) * (2.0 + (double)c->longest / 64.0) + n);
    return work;
}

/* Pushes a new list of t's keys (raw), counted by clua_count_keys, in the order pairs gives them
   in the sandbox: 1..n for a sequence, else numbers, strings and booleans sorted
   (clua_key_less), then other keys (tables, functions) in `next` order, which is not defined. */
static void clua_push_ordered_keys(lua_State *L, int t, const clua_key_count *c) {
    t = lua_absindex(L, t);
    const lua_Integer all = c->all, n = c->sortable;
    lua_createtable(L, all < INT_MAX ? (int)all : 0, 0);
    const int keys = lua_gettop(L);
    lua_Integer at = 0, other = n;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        int type = lua_type(L, -1);
        lua_pushvalue(L, -1);
        if (type == LUA_TSTRING || type == LUA_TNUMBER || type == LUA_TBOOLEAN) lua_rawseti(L, keys, ++at);
        else lua_rawseti(L, keys, ++other);
    }
    if (c->sort) {
        lua_Integer *order = (lua_Integer *)lua_newuserdatauv(L, 2 * (size_t)n * sizeof(lua_Integer), 0);
        for (lua_Integer i = 0; i < n; i++) order[i] = i + 1;
        clua_key_sort(L, keys, order, order + n, (size_t)n);
        lua_createtable(L, all < INT_MAX ? (int)all : 0, 0);
        for (lua_Integer i = 0; i < n; i++) {
            lua_rawgeti(L, keys, order[i]);
            lua_rawseti(L, -2, i + 1);
        }
        for (lua_Integer i = n + 1; i <= all; i++) {
            lua_rawgeti(L, keys, i);
            lua_rawseti(L, -2, i);
        }
        lua_replace(L, keys);                                         /* the sorted list is keys */
        lua_pop(L, 1);                                                /* the order */
    }
}

/* Pushes the list of t's keys in the sandbox's order, its work charged before it is done;
   returns that work. */
static int64_t clua_push_charged_keys(lua_State *L, int t) {
    t = lua_absindex(L, t);
    clua_key_count c = clua_count_keys(L, t);
    int64_t work = clua_key_listing_work(&c);
    clua_charge_or_stop(L, work);
    clua_push_ordered_keys(L, t, &c);
    return work;
}

/* The iterator pairs returns (clua_push_pairs): the next key, from the walk's list of keys or,
   with none, the next position 1..count, and its value read from the source raw (a plain table,
   a frozen table's contents) or through its metamethods (a traced case view, an environment, a
   list view's target). Nothing once the walk is done. Its control argument is not used: the
   position is the walk's own. */
enum { CLUA_PR_SOURCE = 1, CLUA_PR_KEYS, CLUA_PR_AT, CLUA_PR_COUNT, CLUA_PR_RAW, CLUA_PR_UPVALUES = CLUA_PR_RAW };

static int clua_pairs_next(lua_State *L) {
    lua_Integer at = lua_tointeger(L, lua_upvalueindex(CLUA_PR_AT));
    if (at >= lua_tointeger(L, lua_upvalueindex(CLUA_PR_COUNT))) return 0;
    at++;
    lua_pushinteger(L, at);
    lua_replace(L, lua_upvalueindex(CLUA_PR_AT));
    lua_settop(L, 0);
    if (lua_isnil(L, lua_upvalueindex(CLUA_PR_KEYS))) lua_pushinteger(L, at);
    else lua_rawgeti(L, lua_upvalueindex(CLUA_PR_KEYS), at);
    lua_pushvalue(L, 1);
    if (lua_toboolean(L, lua_upvalueindex(CLUA_PR_RAW))) lua_rawget(L, lua_upvalueindex(CLUA_PR_SOURCE));
    else lua_gettable(L, lua_upvalueindex(CLUA_PR_SOURCE));
    return 2;
}

/* Pushes what pairs returns: the iterator over source (clua_pairs_next) with the list of keys at
   index keys (0: positions 1..count), then state (the value at index state) and nil. */
static int clua_push_pairs(lua_State *L, int source, int keys, lua_Integer count, int raw, int state) {
    source = lua_absindex(L, source);
    state = lua_absindex(L, state);
    if (keys) keys = lua_absindex(L, keys);
    lua_pushvalue(L, source);
    if (keys) lua_pushvalue(L, keys); else lua_pushnil(L);
    lua_pushinteger(L, 0);
    lua_pushinteger(L, count);
    lua_pushboolean(L, raw);
    lua_pushcclosure(L, clua_pairs_next, CLUA_PR_UPVALUES);
    lua_pushvalue(L, state);
    lua_pushnil(L);
    return 3;
}

/* host.ordered_keys(t): the list of t's keys in the sandbox's order, charged. */
static int clua_ordered_keys(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    clua_push_charged_keys(L, 1);
    return 1;
}

/* host.pairs_raw(t): pairs over a table without a __pairs, in the sandbox's order; t's values
   read raw when the walk reaches them (a key removed meanwhile gives nil). Charged for listing
   the keys. */
static int clua_pairs_raw(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    clua_push_charged_keys(L, 1);
    return clua_push_pairs(L, 1, 2, (lua_Integer)lua_rawlen(L, 2), 1, 1);
}

/* host.pairs_index(v, t): pairs over v listing the keys of table t in the sandbox's order, each
   value read as v[k] (through v's metamethods): a traced case view over the case's table, an
   environment over its own and the sandbox's globals. Charged for listing the keys. */
static int clua_pairs_index(lua_State *L) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    clua_push_charged_keys(L, 2);
    return clua_push_pairs(L, 1, 3, (lua_Integer)lua_rawlen(L, 3), 0, 1);
}

/* host.pairs_view(v, state): pairs over v, a traced case view (EngineLibrary's views), whose
   state is { shown table (plain: no metatable), path, ... }: the shown table's keys in the
   sandbox's order, each value read as v[k] (so recorded). The keys are listed once a crossing
   and kept in the state ([5], the listing's work at [6]): the case does not change during a
   crossing, and the views' states are made afresh for each. Every pairs is charged the listing's
   work, the first and every later one alike, so that what a call is charged never depends on
   which call of the crossing listed the keys first. */
static int clua_pairs_view(lua_State *L) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_rawgeti(L, 2, 5) == LUA_TTABLE) {                           /* 3: the keys, listed before */
        lua_rawgeti(L, 2, 6);                                            /* 4: the listing's work */
        clua_charge_or_stop(L, (int64_t)lua_tointeger(L, 4));
        lua_settop(L, 3);
    } else {
        lua_settop(L, 2);
        lua_rawgeti(L, 2, 1);                                            /* 3: the table shown */
        luaL_checktype(L, 3, LUA_TTABLE);
        int64_t work = clua_push_charged_keys(L, 3);                     /* 4: the keys */
        lua_pushvalue(L, 4);
        lua_rawseti(L, 2, 5);
        lua_pushinteger(L, (lua_Integer)work);
        lua_rawseti(L, 2, 6);
        lua_replace(L, 3);
    }
    return clua_push_pairs(L, 1, 3, (lua_Integer)lua_rawlen(L, 3), 0, 1);
}

/* host.frozen_keys(contents): the list of a frozen table's keys (its contents' raw keys) in the
   sandbox's order, which the prelude keeps in the table's metatable at its first pairs. Not
   charged: the table's freezing was charged for its keys (clua_freeze_table), and whichever call
   walks it first, every call is charged the same. */
static int clua_frozen_keys(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    clua_key_count c = clua_count_keys(L, 1);
    clua_push_ordered_keys(L, 1, &c);
    return 1;
}

/* host.pairs_list(state, source, keys, raw): pairs over a list of keys made already (a read-only
   view's or a frozen table's, sorted when it was sealed), or with keys a count n, over positions
   1..n; values read from source, raw or not; state is what pairs returns as its second value. */
static int clua_pairs_list(lua_State *L) {
    lua_settop(L, 4);
    luaL_checktype(L, 2, LUA_TTABLE);
    int raw = lua_toboolean(L, 4);
    if (lua_type(L, 3) == LUA_TTABLE) return clua_push_pairs(L, 2, 3, (lua_Integer)lua_rawlen(L, 3), raw, 1);
    return clua_push_pairs(L, 2, 0, luaL_checkinteger(L, 3), raw, 1);
}

/* table[key] = the value at the top (popped), raw; key a C string. */
static void clua_rawsetfield(lua_State *L, int table, const char *key) {
    table = lua_absindex(L, table);
    lua_pushstring(L, key);
    lua_insert(L, -2);
    lua_rawset(L, table);
}

/* freeze_table(t) (the kit's function). */
static int clua_freeze_table(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    const int t = 1, mt = 2, contents = 3, fm = 4;
    if (!lua_getmetatable(L, t)) lua_pushnil(L);                     /* 2: mt or nil */
    /* sized once: the contents are made whole, not grown key by key */
    clua_key_count c = clua_count_keys(L, t);
    const lua_Integer total = c.all;
    int narray = c.integers < INT_MAX ? (int)c.integers : 0, nall = total < INT_MAX ? (int)total : 0;
    lua_createtable(L, narray, nall - narray);                        /* 3: contents */
    lua_pushnil(L);
    while (lua_next(L, t)) {                                          /* contents[k] = v; t[k] = nil */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, contents);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, t);                                             /* (clearing a field is allowed in a walk) */
    }
    int fields = 0;
    if (!lua_isnil(L, mt)) {
        lua_pushnil(L);
        while (lua_next(L, mt)) { lua_pop(L, 1); fields++; }
    }
    lua_createtable(L, 0, fields + 9);                                /* 5: t's new metatable */
    if (!lua_isnil(L, mt)) {
        lua_pushnil(L);
        while (lua_next(L, mt)) {                                     /* fm gets what mt had */
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, fm);
        }
        lua_pushstring(L, "__index");
        if (lua_rawget(L, mt) != LUA_TNIL) {                          /* contents inherit it */
            lua_createtable(L, 0, 1);
            lua_insert(L, -2);
            clua_rawsetfield(L, -2, "__index");
            lua_setmetatable(L, contents);
        } else {
            lua_pop(L, 1);
        }
        lua_pushstring(L, "__metatable");
        int hidden = lua_rawget(L, mt) != LUA_TNIL;
        lua_pop(L, 1);
        if (!hidden) {                                                /* getmetatable(t) is still mt */
            lua_pushvalue(L, mt);
            clua_rawsetfield(L, fm, "__metatable");
        }
    } else {
        lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_NOMETA));
        clua_rawsetfield(L, fm, "__metatable");
    }
    lua_pushvalue(L, contents);
    clua_rawsetfield(L, fm, "__index");
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_NEWINDEX));
    clua_rawsetfield(L, fm, "__newindex");
    lua_pushstring(L, "__len");
    if (lua_rawget(L, fm) == LUA_TNIL) {
        lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_LEN));
        clua_rawsetfield(L, fm, "__len");
    }
    lua_pop(L, 1);
    lua_pushstring(L, "__pairs");
    if (lua_rawget(L, fm) == LUA_TNIL) {
        lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_PAIRS));
        clua_rawsetfield(L, fm, "__pairs");
    }
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_HOST));
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_PROTECTED));
    lua_rawset(L, fm);
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_MARK));
    lua_pushboolean(L, 0);                                            /* keys: listed at the first pairs */
    lua_rawset(L, fm);
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_TARGET));
    lua_pushvalue(L, contents);
    lua_rawset(L, fm);
    lua_pushvalue(L, lua_upvalueindex(CLUA_FZ_FROZEN));
    lua_pushboolean(L, 1);
    lua_rawset(L, fm);
    lua_pushvalue(L, fm);
    lua_setmetatable(L, t);
    /* the work the Lua did, as instructions: a few per key and per metatable field */
    clua_charge_or_stop(L, 8 * total + 32);
    return 0;
}

/* What a loaded module can reach, for freezing: the prelude's walk, in C. reach(root, seen,
   checked, tables) looks at root and everything reachable from it that `seen` does not hold yet:
   tables (their keys, values and metatables; not views or frozen tables, which are done, nor the
   host's own tables in SKIP) are appended to `tables`, children after parents; functions defined
   in rule code have their upvalues followed and their bytecode checked, once per distinct dump
   (`checked`), for assignments to variables that outlive a call (host.upvalue_writes). Returns
   the first such assignment found (source, line, name), at once, or nothing. The kit's upvalues:
   SKIP, MARK, HOST, PROTECTED, string.dump, host.upvalue_writes. */

enum { CLUA_RK_SKIP = 1, CLUA_RK_MARK, CLUA_RK_HOST, CLUA_RK_PROTECTED, CLUA_RK_DUMP, CLUA_RK_WRITES,
       CLUA_RK_COUNT = CLUA_RK_WRITES };

/* Whether set[value at index v] is there (any value but nil and false), raw. */
static int clua_rk_holds(lua_State *L, int set, int v) {
    lua_pushvalue(L, v);
    int held = lua_rawget(L, set) != LUA_TNIL && lua_toboolean(L, -1);
    lua_pop(L, 1);
    return held;
}

/* Whether the walk looks into a value of this type (tables and functions); any other value is
   only counted as visited. */
static int clua_rk_walked(int type) { return type == LUA_TTABLE || type == LUA_TFUNCTION; }

/* The values of table t (keys and values, in `next` order) onto the walk's list: the tables and
   functions among them; the others are counted in *visited at once, as if taken off the list. */
static lua_Integer clua_rk_push_all(lua_State *L, int t, int list, lua_Integer n, lua_Integer *visited) {
    lua_pushnil(L);
    while (lua_next(L, t)) {
        int value = lua_type(L, -1), key = lua_type(L, -2);
        lua_pushvalue(L, -2);
        if (clua_rk_walked(key)) lua_rawseti(L, list, ++n); else { lua_pop(L, 1); (*visited)++; }
        if (clua_rk_walked(value)) lua_rawseti(L, list, ++n); else { lua_pop(L, 1); (*visited)++; }
    }
    return n;
}

static int clua_freeze_reach(lua_State *L) {
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    lua_settop(L, 4);
    const int seen = 2, checked = 3, tables = 4, list = 5, v = 6, mt = 7;
    const int skip = lua_upvalueindex(CLUA_RK_SKIP);
    lua_createtable(L, 64, 0);                                        /* 5: still to look at */
    lua_Integer n = 0, ntables = (lua_Integer)lua_rawlen(L, tables), visited = 0;
    lua_pushvalue(L, 1);
    lua_rawseti(L, list, ++n);
    while (n > 0) {
        lua_settop(L, list);
        lua_rawgeti(L, list, n);                                      /* 6: v */
        lua_pushnil(L);
        lua_rawseti(L, list, n--);
        visited++;
        int type = lua_type(L, v);
        if (type == LUA_TTABLE) {
            if (clua_rk_holds(L, seen, v) || clua_rk_holds(L, skip, v)) continue;
            lua_pushvalue(L, v);
            lua_pushboolean(L, 1);
            lua_rawset(L, seen);
            int hasMeta = lua_getmetatable(L, v);                     /* 7: mt, if any */
            if (hasMeta) {
                lua_pushvalue(L, lua_upvalueindex(CLUA_RK_MARK));
                int done = lua_rawget(L, mt) != LUA_TNIL;             /* a view or a frozen table */
                lua_pop(L, 1);
                if (done) continue;
            }
            lua_pushvalue(L, v);
            lua_rawseti(L, tables, ++ntables);
            if (hasMeta) {
                lua_pushvalue(L, lua_upvalueindex(CLUA_RK_HOST));
                lua_rawget(L, mt);
                int hosts = lua_rawequal(L, -1, lua_upvalueindex(CLUA_RK_PROTECTED));
                lua_pop(L, 1);
                if (!hosts) {
                    /* a rule's metatable: the sandbox installed a copy whose __metatable is the
                       original, so the original and its __index are reached only through here */
                    n = clua_rk_push_all(L, mt, list, n, &visited);
                } else {                                              /* an environment's globals */
                    lua_pushstring(L, "__index");
                    if (lua_rawget(L, mt) == LUA_TTABLE && !clua_rk_holds(L, skip, lua_gettop(L))) {
                        lua_rawseti(L, list, ++n);
                    } else {
                        lua_pop(L, 1);
                    }
                }
            }
            n = clua_rk_push_all(L, v, list, n, &visited);
        } else if (type == LUA_TFUNCTION) {
            if (clua_rk_holds(L, seen, v)) continue;
            lua_pushvalue(L, v);
            lua_pushboolean(L, 1);
            lua_rawset(L, seen);
            lua_Debug ar;
            lua_pushvalue(L, v);
            lua_getinfo(L, ">S", &ar);
            if (strcmp(ar.what, "C") == 0 || (ar.srclen >= 9 && memcmp(ar.source, "=(sandbox", 9) == 0)) continue;
            lua_pushvalue(L, lua_upvalueindex(CLUA_RK_DUMP));         /* 7: its dump (an error fails the load) */
            lua_pushvalue(L, v);
            lua_call(L, 1, 1);
            if (!clua_rk_holds(L, checked, 7)) {
                lua_pushvalue(L, 7);
                lua_pushboolean(L, 1);
                lua_rawset(L, checked);
                lua_pushvalue(L, lua_upvalueindex(CLUA_RK_WRITES));
                lua_pushvalue(L, 7);
                lua_call(L, 1, 3);
                if (!lua_isnil(L, -3)) {
                    clua_charge_or_stop(L, 16 * visited);
                    return 3;                                         /* source, line, name */
                }
                lua_pop(L, 3);
            }
            for (int i = 1; lua_getupvalue(L, v, i) != NULL; i++) {
                if (clua_rk_walked(lua_type(L, -1))) lua_rawseti(L, list, ++n); else { lua_pop(L, 1); visited++; }
            }
        }
    }
    /* the work the Lua walk did, as instructions */
    clua_charge_or_stop(L, 16 * visited);
    return 0;
}

/* host.reach_kit(SKIP, MARK, HOST, PROTECTED, string.dump, host.upvalue_writes): the prelude's
   reach, with those values as its upvalues. */
static int clua_reach_kit(lua_State *L) {
    lua_settop(L, CLUA_RK_COUNT);
    lua_pushcclosure(L, clua_freeze_reach, CLUA_RK_COUNT);
    return 1;
}

/* host.freeze_kit(HOST, MARK, TARGET, FROZEN, PROTECTED, NO_METATABLE, frozen_newindex, view_len,
   view_pairs): the prelude's freeze_table, with those values as its upvalues. */
static int clua_freeze_kit(lua_State *L) {
    lua_settop(L, CLUA_FZ_COUNT);
    lua_pushcclosure(L, clua_freeze_table, CLUA_FZ_COUNT);
    return 1;
}

/* [safe] The registered box's buffer as it is now: *data NULL and *len 0 when there is none.
   Valid until the next call into Lua (the box keeps the buffer alive). */
static inline void clua_trace_span(lua_State *L, const unsigned char **data, size_t *len) {
    clua_budget *b = clua_budget_of(L);
    *data = NULL;
    *len = 0;
    if (!b || b->trace_box_ref <= 0 || !lua_checkstack(L, 2)) return;
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, b->trace_box_ref) == LUA_TTABLE) {
        clua_trace_buffer *tb = clua_trace_at(L, lua_gettop(L));
        if (tb) { *data = tb->data; *len = tb->len; }
    }
    lua_pop(L, 1);
}

/* host.path_steps(path): the steps of a case path, "fiscal.costing[2].amount" ->
   { "fiscal", "costing", 2, "amount" }. The parts between dots (empty ones skipped); of each,
   the name before its first "[" unless empty, then every "[digits]" after it as the number
   tonumber makes of the digits. What the engine did with gmatch, match and gmatch again. */
static int clua_path_steps(lua_State *L) {
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_createtable(L, 4, 0);
    lua_Integer k = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '.') { i++; continue; }
        size_t start = i, bracket;
        while (i < n && s[i] != '.') i++;
        for (bracket = start; bracket < i && s[bracket] != '['; bracket++) {}
        if (bracket > start) { lua_pushlstring(L, s + start, bracket - start); lua_rawseti(L, -2, ++k); }
        size_t j = bracket;
        while (j < i) {
            size_t d = j + 1;
            if (s[j] == '[') while (d < i && s[d] >= '0' && s[d] <= '9') d++;
            if (s[j] == '[' && d > j + 1 && d < i && s[d] == ']') {
                lua_pushlstring(L, s + j + 1, d - j - 1);
                if (lua_stringtonumber(L, lua_tostring(L, -1)) == 0) lua_pushnil(L);
                lua_remove(L, -2);
                lua_rawseti(L, -2, ++k);
                j = d + 1;
            } else {
                j++;
            }
        }
    }
    return 1;
}

/* ---- Error handling ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when it is not valid. */
static size_t clua_utf8_length(const unsigned char *p, size_t n) {
    unsigned char c = p[0];
    size_t need, i;
    unsigned int cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { need = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 4; cp = c & 0x07; }
    else return 0;
    if (n < need) return 0;
    for (i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return need;
}

/* Pushes msg with NUL bytes, other control characters (but newline and tab) and bytes that are
   not UTF-8 written as escapes (\0, \xNN), so the message is one readable text that cannot
   spill into the traceback. */
static void clua_push_escaped(lua_State *L, const char *msg, size_t len) {
    luaL_Buffer buf;
    size_t i = 0;
    luaL_buffinit(L, &buf);
    while (i < len) {
        const unsigned char *p = (const unsigned char *)msg + i;
        size_t n = clua_utf8_length(p, len - i);
        if (n == 1 && (p[0] >= 0x20 || p[0] == '\n' || p[0] == '\t') && p[0] != 0x7F) {
            luaL_addchar(&buf, (char)p[0]);
        } else if (n > 1) {
            luaL_addlstring(&buf, (const char *)p, n);
        } else {
            char esc[8];
            if (p[0] == 0) { esc[0] = '\\'; esc[1] = '0'; esc[2] = 0; }
            else snprintf(esc, sizeof esc, "\\x%02X", p[0]);
            luaL_addstring(&buf, esc);
            n = 1;
        }
        i += n;
    }
    luaL_pushresult(&buf);
}

/*
 * Records an error the way the host reports it: formats string and number errors only (it never
 * runs __tostring), escaping what is not readable text, and records the innermost rule frames'
 * sources and lines in the budget. Leaves the formatted message on the stack and returns it;
 * error_message_length is its length.
 */
static const char *clua_record_error(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    const char *msg;
    size_t len = 0;
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        const char *raw = lua_tolstring(L, 1, &len);
        clua_push_escaped(L, raw, len);
        msg = lua_tostring(L, -1);
    } else if (t == LUA_TLIGHTUSERDATA && lua_touserdata(L, 1) == NULL) {
        msg = "(error object is a null value)";
        lua_pushstring(L, msg);
    } else {
        msg = lua_pushfstring(L, "(error object is a %s value)", lua_typename(L, t));
    }
    if (b) {
        lua_Debug ar;
        int level;
        b->error_line = -1;
        b->error_source[0] = '\0';
        b->error_message_length = strlen(msg);
        b->error_frames = 0;
        for (level = 0; lua_getstack(L, level, &ar) && b->error_frames < 8; level++) {
            /* the sandbox's own Lua (chunk names "=(sandbox...") is skipped: report rule code */
            if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 &&
                strncmp(ar.source ? ar.source : "", "=(sandbox", 9) != 0) {
                int k = b->error_frames++;
                if (k == 0) {
                    b->error_line = ar.currentline;
                    strncpy(b->error_source, ar.source ? ar.source : "?", sizeof(b->error_source) - 1);
                    b->error_source[sizeof(b->error_source) - 1] = '\0';
                }
                b->error_frame_lines[k] = ar.currentline;
                strncpy(b->error_frame_sources[k], ar.source ? ar.source : "?", sizeof(b->error_frame_sources[k]) - 1);
                b->error_frame_sources[k][sizeof(b->error_frame_sources[k]) - 1] = '\0';
            }
        }
    }
    return msg;
}

/* Message handler for the host's protected calls: the error recorded (clua_record_error), and
   "message\nstack traceback:..." returned; error_message_length tells where the message ends. */
static int clua_msghandler(lua_State *L) {
    const char *msg = clua_record_error(L);
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Message handler of host.try: the error recorded, the message alone returned (no traceback:
   the engine reports a rule's error by its message and place). */
static int clua_msghandler_bare(lua_State *L) {
    clua_record_error(L);
    return 1;
}

/* host.try(f, ...) -> true, result | false, message, frames | false
   Calls f(...) protected, as the host calls a rule: the same message handler records the error's
   message and the innermost rule frames, so a rule call of a crossing that raises is described
   exactly as a call of its own would describe it (the host does that with the frames:
   LuaRuntime.caughtRuleError). `frames` lists source, line, source, line, ... innermost first,
   the first source as the budget records it (error_source). An error that is not a rule's own
   runtime error — a stop of the sandbox (budget, violation, fast mode's window), a refused
   allocation, an error while handling an error — gives false alone: the crossing hands that call
   back to the host, which runs it exactly. So does a stack overflow (of Lua's stack or of nested
   C calls): how deep a rule got before it, and so what it read and checked, depends on the
   frames below it, which are not those of a call of its own. */
static int clua_try(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    int n = lua_gettop(L), status, k;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushcfunction(L, clua_msghandler_bare);
    lua_insert(L, 1);
    status = lua_pcall(L, n - 1, 1, 1);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, -2);
        return 2;
    }
    if (status != LUA_ERRRUN || !b || b->stop != CLUA_STOP_NONE || b->pending ||
        strstr(lua_tostring(L, -1), "stack overflow") != NULL) {
        lua_pushboolean(L, 0);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    lua_createtable(L, 2 * b->error_frames, 0);
    for (k = 0; k < b->error_frames; k++) {
        lua_pushstring(L, k == 0 ? b->error_source : b->error_frame_sources[k]);
        lua_rawseti(L, -2, 2 * k + 1);
        lua_pushinteger(L, k == 0 ? b->error_line : b->error_frame_lines[k]);
        lua_rawseti(L, -2, 2 * k + 2);
    }
    return 3;
}

static inline void clua_pushmsghandler(lua_State *L) { lua_pushcfunction(L, clua_msghandler); }

/* ---- Swift -> Lua: a protected stream of operations ----------------------------------- */

enum {
    CLUA_OP_END = 0,
    CLUA_OP_NIL,
    CLUA_OP_NULL,        /* the JSON null sentinel: a light userdata holding NULL */
    CLUA_OP_BOOL,        /* i != 0 */
    CLUA_OP_INT,         /* i */
    CLUA_OP_NUM,         /* n */
    CLUA_OP_STR,         /* s, len */
    CLUA_OP_LIGHT,       /* p: a light userdata */
    CLUA_OP_NEWTABLE,    /* narr, nrec */
    CLUA_OP_SETFIELD,    /* t[k] = v, raw; stack: t k v -> t */
    CLUA_OP_SETINDEX,    /* t[i] = v, raw; stack: t v -> t */
    CLUA_OP_REF,         /* push the registry value i */
    CLUA_OP_CALL,        /* call with narr arguments, nrec results (-1: all) */
    CLUA_OP_HOSTFN,      /* push a C closure over clua_trampoline with p as its upvalue */
    CLUA_OP_OPENLIBS,    /* open the standard libraries into the real global table */
    CLUA_OP_MAKEREF,     /* pop the top value into the registry; its reference goes to *out */
    CLUA_OP_CFUNCTION    /* push the C function i (CLUA_FN_*) */
};

/* The C functions of this header the runtime hands to Lua (CLUA_OP_CFUNCTION's i). */
enum {
    CLUA_FN_CHARGED,         /* clua_make_charged */
    CLUA_FN_CCALL,           /* clua_ccall */
    CLUA_FN_TOSTRING,        /* clua_tostring */
    CLUA_FN_NEXTCALL,        /* clua_next_call */
    CLUA_FN_VIEWINDEX,       /* clua_view_index */
    CLUA_FN_PATHSTEPS,       /* clua_path_steps */
    CLUA_FN_PATTERNS,        /* clua_patterns_open (clua_patterns.c) */
    CLUA_FN_TRACEKIT,        /* clua_trace_kit */
    CLUA_FN_FREEZEKIT,       /* clua_freeze_kit */
    CLUA_FN_REACHKIT,        /* clua_reach_kit */
    CLUA_FN_TRY,             /* clua_try */
    CLUA_FN_ORDEREDKEYS,     /* clua_ordered_keys */
    CLUA_FN_PAIRSRAW,        /* clua_pairs_raw */
    CLUA_FN_PAIRSINDEX,      /* clua_pairs_index */
    CLUA_FN_PAIRSLIST,       /* clua_pairs_list */
    CLUA_FN_PAIRSVIEW,       /* clua_pairs_view */
    CLUA_FN_FROZENKEYS,      /* clua_frozen_keys */
    CLUA_FN_ENTRY            /* clua_make_entry */
};

static lua_CFunction clua_host_cfunction(lua_Integer i) {
    switch (i) {
    case CLUA_FN_CHARGED: return clua_make_charged;
    case CLUA_FN_CCALL: return clua_ccall;
    case CLUA_FN_TOSTRING: return clua_tostring;
    case CLUA_FN_NEXTCALL: return clua_next_call;
    case CLUA_FN_VIEWINDEX: return clua_view_index;
    case CLUA_FN_PATHSTEPS: return clua_path_steps;
    case CLUA_FN_PATTERNS: return clua_patterns_open;
    case CLUA_FN_TRACEKIT: return clua_trace_kit;
    case CLUA_FN_FREEZEKIT: return clua_freeze_kit;
    case CLUA_FN_REACHKIT: return clua_reach_kit;
    case CLUA_FN_TRY: return clua_try;
    case CLUA_FN_ORDEREDKEYS: return clua_ordered_keys;
    case CLUA_FN_PAIRSRAW: return clua_pairs_raw;
    case CLUA_FN_PAIRSINDEX: return clua_pairs_index;
    case CLUA_FN_PAIRSLIST: return clua_pairs_list;
    case CLUA_FN_PAIRSVIEW: return clua_pairs_view;
    case CLUA_FN_FROZENKEYS: return clua_frozen_keys;
    case CLUA_FN_ENTRY: return clua_make_entry;
    default: return NULL;
    }
}

typedef struct clua_op {
    int code;
    int narr;
    int nrec;
    lua_Integer i;
    lua_Number n;
    const char *s;
    size_t len;
    void *p;
    int *out;
} clua_op;

/* Fills *op with the next operation; returns 0 at the end. Must not call the Lua API. */
typedef int (*clua_feeder)(void *ud, clua_op *op);

typedef struct clua_feed {
    clua_feeder feed;
    void *ud;
} clua_feed;

static int clua_trampoline(lua_State *L);

static int clua_build_entry(lua_State *L) {
    clua_feed *f = (clua_feed *)lua_touserdata(L, 1);
    clua_op op;
    lua_remove(L, 1);
    memset(&op, 0, sizeof op);
    while (f->feed(f->ud, &op)) {
        luaL_checkstack(L, 2, "value nested too deeply");
        switch (op.code) {
        case CLUA_OP_NIL: lua_pushnil(L); break;
        case CLUA_OP_NULL: lua_pushlightuserdata(L, NULL); break;
        case CLUA_OP_BOOL: lua_pushboolean(L, op.i != 0); break;
        case CLUA_OP_INT: lua_pushinteger(L, op.i); break;
        case CLUA_OP_NUM: lua_pushnumber(L, op.n); break;
        case CLUA_OP_STR: lua_pushlstring(L, op.s, op.len); break;
        case CLUA_OP_LIGHT: lua_pushlightuserdata(L, op.p); break;
        case CLUA_OP_NEWTABLE: lua_createtable(L, op.narr, op.nrec); break;
        case CLUA_OP_SETFIELD: lua_rawset(L, -3); break;
        case CLUA_OP_SETINDEX: lua_rawseti(L, -2, op.i); break;
        case CLUA_OP_REF: lua_rawgeti(L, LUA_REGISTRYINDEX, op.i); break;
        case CLUA_OP_CALL: lua_call(L, op.narr, op.nrec < 0 ? LUA_MULTRET : op.nrec); break;
        case CLUA_OP_HOSTFN:
            lua_pushlightuserdata(L, op.p);
            lua_pushcclosure(L, clua_trampoline, 1);
            break;
        case CLUA_OP_OPENLIBS:
            /* only what the sandbox builds on: no io, os or package (no C loaders) */
            luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
            luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
            luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
            luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
            luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
            luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
            luaL_requiref(L, LUA_DBLIBNAME, luaopen_debug, 1);
            lua_pop(L, 7);
            break;
        case CLUA_OP_MAKEREF: {
            int r = luaL_ref(L, LUA_REGISTRYINDEX);
            if (op.out) *op.out = r;
            break;
        }
        case CLUA_OP_CFUNCTION: {
            lua_CFunction f = clua_host_cfunction(op.i);
            if (!f) return luaL_error(L, "unknown host C function %d", (int)op.i);
            lua_pushcfunction(L, f);
            break;
        }
        default: return luaL_error(L, "unknown host operation %d", op.code);
        }
        memset(&op, 0, sizeof op);
    }
    return lua_gettop(L);
}

/*
 * [safe] Runs the operations from feed under lua_pcall. On success the values left by the
 * stream are on the stack and *pushed tells how many; on failure the error object is.
 * msgh: stack index of a message handler, or 0.
 */
static inline int clua_pbuild(lua_State *L, clua_feeder feed, void *ud, int msgh, int *pushed) {
    clua_feed f;
    int top = lua_gettop(L), status;
    f.feed = feed;
    f.ud = ud;
    if (!lua_checkstack(L, 4)) { *pushed = 0; return LUA_ERRMEM; }
    lua_pushcfunction(L, clua_build_entry);
    lua_pushlightuserdata(L, &f);
    status = lua_pcall(L, 1, LUA_MULTRET, msgh);
    *pushed = lua_gettop(L) - top;
    return status;
}

/* ---- Swift -> Lua: a compact encoding decoded in one protected pass -------------------- */

/*
 * The encoding (native byte order): 'n' nil | 'N' null | 'f' | 't' | 'i' int64 | 'd' double |
 * 's' u32 length, bytes | 'a' u32 count, values | 'o' u32 count, (u32 length, key bytes, value)*.
 * Swift writes it after checking depth and size, with object keys in sorted order. With a view
 * kit, every table becomes a read-only view: an empty table whose metatable holds __index (the
 * table), the kit's __newindex/__len/__pairs, __metatable, the host's marker and the key order.
 */
typedef struct clua_decoder {
    const unsigned char *p;
    const unsigned char *end;
    int kit;        /* stack index of the view kit table, 0 for plain tables */
    void *mark;     /* the read-only marker (light userdata key) */
    int parts;      /* stack index of the first of CLUA_VIEW_PARTS: what every view's metatable holds */
} clua_decoder;

/* What every view's metatable holds besides its target and the marker: the key "__index", then
   five key-value pairs. clua_decode_entry pushes them once per decoding, so that a view is made
   without looking a name up. */
enum { CLUA_VIEW_PAIRS = 5, CLUA_VIEW_PARTS = 2 * CLUA_VIEW_PAIRS + 1 };

static uint32_t clua_read_u32(clua_decoder *d) {
    uint32_t v;
    memcpy(&v, d->p, sizeof v);
    d->p += sizeof v;
    return v;
}

static void clua_decode_value(lua_State *L, clua_decoder *d);

/* Wraps the table at the top (and the key list below it when keys != 0) into a view. */
static void clua_make_view(lua_State *L, clua_decoder *d, int has_keys) {
    int target = lua_gettop(L), keys = has_keys ? target - 1 : 0;
    luaL_checkstack(L, 6, "value nested too deeply");
    lua_createtable(L, 0, 0);                       /* the view */
    lua_createtable(L, 0, 7);                       /* its metatable */
    lua_pushvalue(L, d->parts);                     /* "__index" */
    lua_pushvalue(L, target);
    lua_rawset(L, -3);
    for (int i = 1; i < CLUA_VIEW_PARTS; i += 2) {  /* __newindex, __len, __pairs, __metatable, host */
        lua_pushvalue(L, d->parts + i);
        lua_pushvalue(L, d->parts + i + 1);
        lua_rawset(L, -3);
    }
    lua_pushlightuserdata(L, d->mark);
    if (keys) lua_pushvalue(L, keys); else lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_setmetatable(L, -2);
    /* replace target (and keys) by the view */
    lua_replace(L, keys ? keys : target);
    if (keys) lua_settop(L, keys);
}

static void clua_decode_value(lua_State *L, clua_decoder *d) {
    unsigned char tag = *d->p++;
    uint32_t n, i, len;
    luaL_checkstack(L, 4, "value nested too deeply");
    switch (tag) {
    case 'n': lua_pushnil(L); break;
    case 'N': lua_pushlightuserdata(L, NULL); break;
    case 'f': lua_pushboolean(L, 0); break;
    case 't': lua_pushboolean(L, 1); break;
    case 'i': { int64_t v; memcpy(&v, d->p, sizeof v); d->p += sizeof v; lua_pushinteger(L, (lua_Integer)v); break; }
    case 'd': { double v; memcpy(&v, d->p, sizeof v); d->p += sizeof v; lua_pushnumber(L, (lua_Number)v); break; }
    case 's':
        len = clua_read_u32(d);
        lua_pushlstring(L, (const char *)d->p, len);
        d->p += len;
        break;
    case 'a':
        n = clua_read_u32(d);
        lua_createtable(L, (int)n, 0);
        for (i = 1; i <= n; i++) {
            clua_decode_value(L, d);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
        if (d->kit) clua_make_view(L, d, 0);
        break;
    case 'o':
        n = clua_read_u32(d);
        if (d->kit) lua_createtable(L, (int)n, 0);  /* the key order, below the table */
        lua_createtable(L, 0, (int)n);
        for (i = 1; i <= n; i++) {
            len = clua_read_u32(d);
            lua_pushlstring(L, (const char *)d->p, len);
            d->p += len;
            if (d->kit) {
                lua_pushvalue(L, -1);
                lua_rawseti(L, -4, (lua_Integer)i);
            }
            clua_decode_value(L, d);
            lua_rawset(L, -3);
        }
        if (d->kit) clua_make_view(L, d, 1);
        break;
    default:
        luaL_error(L, "corrupt value encoding (tag %d)", (int)tag);
    }
}

static int clua_decode_entry(lua_State *L) {
    clua_decoder *d = (clua_decoder *)lua_touserdata(L, 1);
    int count = 0;
    if (d->kit) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, (lua_Integer)d->kit);
        d->kit = lua_gettop(L);
        luaL_checkstack(L, CLUA_VIEW_PARTS, "decoding");
        d->parts = d->kit + 1;
        lua_pushliteral(L, "__index");
        lua_pushliteral(L, "__newindex");
        lua_getfield(L, d->kit, "newindex");
        lua_pushliteral(L, "__len");
        lua_getfield(L, d->kit, "len");
        lua_pushliteral(L, "__pairs");
        lua_getfield(L, d->kit, "pairs");
        lua_pushliteral(L, "__metatable");
        lua_pushliteral(L, "read-only");
        lua_getfield(L, d->kit, "host");
        lua_getfield(L, d->kit, "protected");
    }
    while (d->p < d->end) {
        clua_decode_value(L, d);
        count++;
    }
    return count;
}

/*
 * [safe] Pushes the values encoded in buf, under lua_pcall. kit_ref: registry reference of the
 * view kit (0 for plain, writable tables). On success *pushed values are on the stack; on
 * failure the error object is.
 */
static inline int clua_pdecode(lua_State *L, const void *buf, size_t len, int kit_ref, void *mark,
                               int *pushed) {
    clua_decoder d;
    int top = lua_gettop(L), status;
    d.p = (const unsigned char *)buf;
    d.end = d.p + len;
    d.kit = kit_ref;
    d.mark = mark;
    d.parts = 0;
    if (!lua_checkstack(L, 4)) { *pushed = 0; return LUA_ERRMEM; }
    lua_pushcfunction(L, clua_decode_entry);
    lua_pushlightuserdata(L, &d);
    status = lua_pcall(L, 1, LUA_MULTRET, 0);
    *pushed = lua_gettop(L) - top;
    return status;
}

/* ---- Lua -> Swift: a protected walk that reports events ------------------------------- */

enum {
    CLUA_EVENT_VALUE = 1,    /* a value is at the top: scalar or table */
    CLUA_EVENT_KEY = 2,      /* a copy of the next key is at the top; its value follows */
    CLUA_EVENT_END = 3       /* the table entered last is done */
};
enum {
    CLUA_WALK_STOP = 0,      /* abort the walk (the visitor recorded why) */
    CLUA_WALK_LEAF = 1,      /* done with this value */
    CLUA_WALK_DESCEND = 2    /* enter this table */
};

/* Sees each event; must not call the Lua API except the [safe] readers. */
typedef int (*clua_visitor)(void *ud, lua_State *L, int event);

typedef struct clua_walk {
    clua_visitor visit;
    void *ud;
    void *readonly_mark;
} clua_walk;

/* Replaces a read-only view at the top by the table it shows (its metatable's __index). */
static inline void clua_unwrap_view(lua_State *L, void *mark) {
    if (!mark || lua_type(L, -1) != LUA_TTABLE || !lua_getmetatable(L, -1)) return;
    lua_pushlightuserdata(L, mark);
    if (lua_rawget(L, -2) == LUA_TNIL) { lua_pop(L, 2); return; }
    lua_pop(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_replace(L, -3);
    lua_pop(L, 1);
}

static int clua_walk_top(lua_State *L, clua_walk *w) {
    int rc, t;
    clua_unwrap_view(L, w->readonly_mark);
    rc = w->visit(w->ud, L, CLUA_EVENT_VALUE);
    if (rc != CLUA_WALK_DESCEND) return rc;
    luaL_checkstack(L, 4, "value nested too deeply");
    t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pushvalue(L, -2);
        rc = w->visit(w->ud, L, CLUA_EVENT_KEY);
        lua_pop(L, 1);
        if (rc == CLUA_WALK_STOP) return rc;
        rc = clua_walk_top(L, w);
        lua_pop(L, 1);
        if (rc == CLUA_WALK_STOP) return rc;
    }
    return w->visit(w->ud, L, CLUA_EVENT_END);
}

static int clua_walk_entry(lua_State *L) {
    clua_walk *w = (clua_walk *)lua_touserdata(L, 1);
    int rc = clua_walk_top(L, w);
    lua_pushboolean(L, rc != CLUA_WALK_STOP);
    return 1;
}

/*
 * [safe] Walks the value at idx under lua_pcall, calling visit for each event. Returns the
 * pcall status; *completed is 0 when the visitor stopped the walk. The stack is unchanged.
 */
static inline int clua_pwalk(lua_State *L, int idx, clua_visitor visit, void *ud,
                             void *readonly_mark, int *completed) {
    clua_walk w;
    int top = lua_gettop(L), status;
    w.visit = visit;
    w.ud = ud;
    w.readonly_mark = readonly_mark;
    idx = lua_absindex(L, idx);
    *completed = 0;
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    lua_pushcfunction(L, clua_walk_entry);
    lua_pushlightuserdata(L, &w);
    lua_pushvalue(L, idx);
    status = lua_pcall(L, 2, 1, 0);
    if (status == LUA_OK) *completed = lua_toboolean(L, -1);
    lua_settop(L, top);
    return status;
}

/* ---- Lua -> Swift: a protected copy into a byte buffer ------------------------------------ */

/*
 * The fast way to read a value: C walks it once and writes it into a byte buffer the host then
 * decodes without calling back into Lua. Tags: 'N' nil or null, 'F'/'T' booleans, 'I' an
 * integer and 'D' a float (8 bytes each, native order), 'S' a string (4-byte length, then its
 * bytes), '{' a table (then its number of entries in 4 bytes, so that the host sizes what it
 * builds once, then key, value, key, value..., keys 'S' or 'I'), '}' its end. Anything
 * the event walk above would refuse or might refuse (another type, a non-finite float, a key
 * that is neither a string nor an integer, a cycle, nesting, values or bytes at their limits)
 * stops the copy, and the host reads the value with the event walk, whose error names it.
 */
#define CLUA_COPY_MAX_DEPTH 128

typedef struct clua_copy {
    unsigned char *data;       /* owned by the host, grown with realloc */
    size_t len, cap;
    size_t values, bytes;      /* counted as the event walk counts them */
    size_t max_values, max_bytes, max_buffer;
    int max_depth, depth;
    int refused;               /* set when the copy stopped: read the value with clua_pwalk */
    void *readonly_mark;
    const void *tables[CLUA_COPY_MAX_DEPTH];
} clua_copy;

static int clua_copy_reserve(clua_copy *c, size_t n) {
    size_t want;
    unsigned char *grown;
    if (c->len + n <= c->cap) return 1;
    if (c->len + n > c->max_buffer) return 0;
    want = c->cap ? c->cap * 2 : 4096;
    while (want < c->len + n) want *= 2;
    grown = (unsigned char *)realloc(c->data, want);
    if (!grown) return 0;
    c->data = grown;
    c->cap = want;
    return 1;
}

static int clua_copy_tag(clua_copy *c, unsigned char tag) {
    if (!clua_copy_reserve(c, 1)) return 0;
    c->data[c->len++] = tag;
    return 1;
}

static int clua_copy_raw(clua_copy *c, unsigned char tag, const void *bytes, size_t n) {
    if (!clua_copy_reserve(c, 1 + n)) return 0;
    c->data[c->len++] = tag;
    memcpy(c->data + c->len, bytes, n);
    c->len += n;
    return 1;
}

static int clua_copy_string(clua_copy *c, lua_State *L, int idx) {
    size_t n = 0;
    const char *s = lua_tolstring(L, idx, &n);
    uint32_t n32 = (uint32_t)n;
    c->bytes += n;
    if (c->bytes > c->max_bytes || n > 0xFFFFFFF0u) return 0;
    if (!clua_copy_reserve(c, 5 + n)) return 0;
    c->data[c->len++] = 'S';
    memcpy(c->data + c->len, &n32, 4);
    memcpy(c->data + c->len + 4, s, n);
    c->len += 4 + n;
    return 1;
}

/* Copies the value at the top (a read-only view is replaced by the table it shows). */
static int clua_copy_top(clua_copy *c, lua_State *L) {
    int t, i;
    size_t counted;
    uint32_t entries;
    const void *pointer;
    clua_unwrap_view(L, c->readonly_mark);
    if (++c->values > c->max_values) return 0;
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        return clua_copy_tag(c, 'N');
    case LUA_TBOOLEAN:
        return clua_copy_tag(c, lua_toboolean(L, -1) ? 'T' : 'F');
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1)) {
            lua_Integer v = lua_tointeger(L, -1);
            return clua_copy_raw(c, 'I', &v, 8);
        } else {
            lua_Number v = lua_tonumber(L, -1);
            if (!isfinite(v)) return 0;
            return clua_copy_raw(c, 'D', &v, 8);
        }
    case LUA_TSTRING:
        return clua_copy_string(c, L, -1);
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, -1) != NULL) return 0;
        return clua_copy_tag(c, 'N');
    case LUA_TTABLE:
        break;
    default:
        return 0;
    }
    if (c->depth + 1 >= c->max_depth || c->depth >= CLUA_COPY_MAX_DEPTH) return 0;
    pointer = lua_topointer(L, -1);
    for (i = 0; i < c->depth; i++) if (c->tables[i] == pointer) return 0;
    if (!lua_checkstack(L, 4)) return 0;
    c->tables[c->depth++] = pointer;
    if (!clua_copy_reserve(c, 5)) return 0;
    c->data[c->len++] = '{';
    counted = c->len;                                  /* the count, written at the end */
    c->len += 4;
    entries = 0;
    t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        entries++;
        if (lua_type(L, -2) == LUA_TSTRING) {
            if (!clua_copy_string(c, L, -2)) return 0;
        } else if (lua_isinteger(L, -2)) {
            lua_Integer k = lua_tointeger(L, -2);
            if (!clua_copy_raw(c, 'I', &k, 8)) return 0;
        } else {
            return 0;
        }
        if (!clua_copy_top(c, L)) return 0;
        lua_pop(L, 1);
    }
    c->depth--;
    memcpy(c->data + counted, &entries, 4);
    return clua_copy_tag(c, '}');
}

static int clua_copy_entry(lua_State *L) {
    clua_copy *c = (clua_copy *)lua_touserdata(L, 1);
    c->refused = !clua_copy_top(c, L);
    return 0;
}

/*
 * [safe] Copies the value at idx into c (its buffer reused from c->len = 0) under lua_pcall.
 * Returns 1 when c holds the whole value, 0 when the host must read it with clua_pwalk. The
 * stack is unchanged.
 */
static inline int clua_pcopy(lua_State *L, int idx, clua_copy *c) {
    int top = lua_gettop(L), status;
    idx = lua_absindex(L, idx);
    c->len = 0;
    c->values = 0;
    c->bytes = 0;
    c->depth = 0;
    c->refused = 1;
    if (!lua_checkstack(L, 4)) return 0;
    lua_pushcfunction(L, clua_copy_entry);
    lua_pushlightuserdata(L, c);
    lua_pushvalue(L, idx);
    status = lua_pcall(L, 2, 0, 0);
    lua_settop(L, top);
    return status == LUA_OK && !c->refused;
}

/* ---- Swift functions exposed to Lua ------------------------------------------------------ */

enum { CLUA_HOST_ERROR = -1 };

/*
 * A Swift function callable from Lua. It reads its arguments with the [safe] readers or
 * clua_pwalk, pushes its results with clua_pbuild and returns their number, or pushes an
 * error message the same way and returns CLUA_HOST_ERROR.
 */
typedef int (*clua_hostcall)(void *ud, lua_State *L);

typedef struct clua_hostfn {
    clua_hostcall call;
    void *ud;
} clua_hostfn;

static int clua_trampoline(lua_State *L) {
    clua_hostfn *h = (clua_hostfn *)lua_touserdata(L, lua_upvalueindex(1));
    int n = h->call(h->ud, L);
    if (n == CLUA_HOST_ERROR) return lua_error(L);
    return n;
}

#endif
