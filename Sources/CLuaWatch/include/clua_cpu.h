#ifndef MECIGEP_CLUA_CPU_H
#define MECIGEP_CLUA_CPU_H

/* Where helper threads run (clua_cpu.c). */

/* The core the calling thread is running on now; -1 when it cannot be told. */
int clua_current_cpu(void);
/* Keeps the calling thread off core `cpu` when it may run on another; 1 when it did. */
int clua_keep_off_cpu(int cpu);

#endif
