/*
 * Where the runtime's helper threads run. On a machine with few cores, a helper started while
 * the thread that started it is busy can be queued behind it on the same core while another
 * sits idle; a helper that keeps off that core leaves it to the thread that started it.
 */
#define _GNU_SOURCE
#include <sched.h>
#include "clua_cpu.h"

/* [safe] The core the calling thread is running on now; -1 when it cannot be told. */
int clua_current_cpu(void) { return sched_getcpu(); }

/* [safe] Keeps the calling thread off core `cpu`, when it may run on at least one other;
   1 when it did, else 0 (the thread then runs where it may, as before). */
int clua_keep_off_cpu(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    if (!CPU_ISSET(cpu, &set) || CPU_COUNT(&set) < 2) return 0;
    CPU_CLR(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0;
}
