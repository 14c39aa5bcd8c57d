/*
 * The fast-mode watchdog (see "Fast mode" in Sources/CLua/shim.h): one thread per process that
 * arms the count hook of a state whose rule call has run past its window. A C file of its own
 * because it has state (a Swift module cannot own C globals declared in a header).
 */
#pragma clang diagnostic ignored "-Wunused-function"
#include "../CLua/shim.h"
#include "clua_watch.h"
#include <pthread.h>

#define CLUA_WATCH_MAX 256
#define CLUA_WATCH_PERIOD_NS 2000000

static pthread_mutex_t clua_watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t clua_watch_wake = PTHREAD_COND_INITIALIZER;
static clua_budget *clua_watched[CLUA_WATCH_MAX];
static int clua_watch_active = 0;    /* fast crossings running */
static int clua_watch_started = 0;

static void *clua_watch_main(void *unused) {
    (void)unused;
    pthread_mutex_lock(&clua_watch_lock);
    for (;;) {
        while (clua_watch_active == 0) pthread_cond_wait(&clua_watch_wake, &clua_watch_lock);
        int64_t now = clua_now_ns();
        for (int i = 0; i < CLUA_WATCH_MAX; i++) {
            clua_budget *b = clua_watched[i];
            if (!b || !__atomic_load_n(&b->fast, __ATOMIC_ACQUIRE)) continue;
            int64_t generation = __atomic_load_n(&b->fast_generation, __ATOMIC_ACQUIRE);
            int64_t started = __atomic_load_n(&b->fast_started_ns, __ATOMIC_ACQUIRE);
            if (b->fast_seen_generation != generation) {
                /* a rule call not seen before: note the CPU time its thread has used so far */
                b->fast_seen_generation = generation;
                b->fast_seen_cpu_ns = clua_clock_ns(b->fast_clock);
                b->fast_seen_lag_ns = now > started ? now - started : 0;
                continue;
            }
            if (__atomic_load_n(&b->fast_armed, __ATOMIC_ACQUIRE) == generation) continue;
            /* Past its window in wall time (cheap to tell), and in the CPU time it has used: on
               a busy machine a short call can wait past the window without running, and it is
               let be. The time before the watchdog first saw the call counts as used, up to one
               period of the watchdog (all it can be when the watchdog runs on time; the window's
               margin, thirty times the VM's speed, covers a late one). The estimate never
               exceeds the wall time, so the hook's own check, on wall time, then stops it. */
            if (now - started <= b->fast_window_ns) continue;
            int64_t cpu = clua_clock_ns(b->fast_clock);
            int64_t before = b->fast_seen_lag_ns < CLUA_WATCH_PERIOD_NS ? b->fast_seen_lag_ns : CLUA_WATCH_PERIOD_NS;
            /* a clock that cannot be read counts as spent: the window is then wall time alone */
            if (cpu < 0 || b->fast_seen_cpu_ns < 0 || cpu - b->fast_seen_cpu_ns + before > b->fast_window_ns) {
                __atomic_store_n(&b->fast_armed, generation, __ATOMIC_RELEASE);
                lua_sethook(b->main, clua_hook, LUA_MASKCOUNT, 1);  /* safe from another thread */
            }
        }
        pthread_mutex_unlock(&clua_watch_lock);
        struct timespec pause = { 0, CLUA_WATCH_PERIOD_NS };
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&clua_watch_lock);
    }
    return NULL;
}

/* [safe] Makes a budget's state known to the watchdog (0 when no slot or thread is left: the
   runtime then never uses fast mode). */
int clua_watch_register(void *budget) {
    clua_budget *b = (clua_budget *)budget;
    int ok = 0;
    pthread_mutex_lock(&clua_watch_lock);
    if (!clua_watch_started) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        clua_watch_started = pthread_create(&thread, &attributes, clua_watch_main, NULL) == 0 ? 1 : -1;
        pthread_attr_destroy(&attributes);
    }
    for (int i = 0; clua_watch_started == 1 && i < CLUA_WATCH_MAX; i++) {
        if (!clua_watched[i]) { clua_watched[i] = b; ok = 1; break; }
    }
    pthread_mutex_unlock(&clua_watch_lock);
    return ok;
}

/* [safe] Forgets a budget; once it returns, the watchdog never touches that state again. */
void clua_watch_unregister(void *budget) {
    clua_budget *b = (clua_budget *)budget;
    pthread_mutex_lock(&clua_watch_lock);
    for (int i = 0; i < CLUA_WATCH_MAX; i++) if (clua_watched[i] == b) clua_watched[i] = NULL;
    pthread_mutex_unlock(&clua_watch_lock);
}


/* [safe] Starts a fast crossing on L (no hook; the watchdog watches). */
void clua_fast_begin(void *state, void *budget, int64_t window_ns) {
    lua_State *L = (lua_State *)state;
    clua_budget *b = (clua_budget *)budget;
    b->fast_window_ns = window_ns;
    if (pthread_getcpuclockid(pthread_self(), &b->fast_clock) != 0) b->fast_clock = CLOCK_MONOTONIC;
    lua_sethook(L, NULL, 0, 0);
    clua_fast_next(b);
    pthread_mutex_lock(&clua_watch_lock);
    __atomic_store_n(&b->fast, 1, __ATOMIC_RELEASE);
    if (clua_watch_active++ == 0) pthread_cond_signal(&clua_watch_wake);
    pthread_mutex_unlock(&clua_watch_lock);
}

/* [safe] Ends a fast crossing: after this the watchdog cannot arm L, and no hook is left on it. */
void clua_fast_end(void *state, void *budget) {
    lua_State *L = (lua_State *)state;
    clua_budget *b = (clua_budget *)budget;
    pthread_mutex_lock(&clua_watch_lock);
    __atomic_store_n(&b->fast, 0, __ATOMIC_RELEASE);
    clua_watch_active--;
    pthread_mutex_unlock(&clua_watch_lock);
    lua_sethook(L, NULL, 0, 0);
}

