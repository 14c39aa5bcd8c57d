#ifndef MECIGEP_CLUA_WATCH_H
#define MECIGEP_CLUA_WATCH_H

#include <stdint.h>

/* The fast-mode watchdog. The budget arguments are the runtime's clua_budget (void * here so
   that this header needs no Lua headers); the lua_State is the state the budget serves. */

/* Makes a budget known to the watchdog; 0 when no slot or thread is left (no fast mode then). */
int clua_watch_register(void *budget);
/* Forgets a budget: once it returns, the watchdog never touches that state again. */
void clua_watch_unregister(void *budget);
/* Starts a fast crossing on L: no hook; the watchdog arms it for a call past the window. */
void clua_fast_begin(void *L, void *budget, int64_t window_ns);
/* Ends a fast crossing: the watchdog can no longer arm L, and no hook is left on it. */
void clua_fast_end(void *L, void *budget);

#endif
