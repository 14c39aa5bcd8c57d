#ifndef MECIGEP_CLUA_PATTERNS_H
#define MECIGEP_CLUA_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

/* The sandbox's pattern functions (string.find, match, gmatch and gsub): Lua 5.4's pattern
   matching, answers and messages, with every unit of matching work counted against the running
   call's instruction budget and deadline. clua_patterns.c says how. */

#define CLUA_PATTERN_MAXCAPTURES 32

/* One match, for the test entry below. */
typedef struct clua_pattern_match {
    int64_t start, end;                                 /* 0-based, end exclusive */
    int captures;
    int64_t capture_start[CLUA_PATTERN_MAXCAPTURES];    /* 0-based; a position capture: its 1-based position */
    int64_t capture_length[CLUA_PATTERN_MAXCAPTURES];   /* -1 for a position capture */
    char message[256];                                  /* a malformed pattern's message */
} clua_pattern_match;

enum { CLUA_PATTERN_NONE = 0, CLUA_PATTERN_FOUND = 1, CLUA_PATTERN_MALFORMED = 2, CLUA_PATTERN_BUDGET = 3 };

/* The matcher alone, without Lua (tests compare it with the reference port): finds pattern in
   subject from byte `from` (anchored: tries `from` only and takes a leading '^' literally;
   otherwise a leading '^' anchors), taking its work off *steps; fills *out; returns a
   CLUA_PATTERN_ status. A match that leaves a capture open is MALFORMED ("unfinished capture"),
   as string.find reports it. */
int clua_pattern_find(const unsigned char *subject, size_t subject_length,
                      const unsigned char *pattern, size_t pattern_length,
                      size_t from, int anchored, int64_t *steps, clua_pattern_match *out);

#endif
