/*
 * The sandbox's string.find, string.match, string.gmatch and string.gsub.
 *
 * Lua's own pattern functions cannot be stopped once called: the count hook never runs inside
 * C, and a pattern such as ".-.-.-b" backtracks for as long as it likes. These functions give
 * the same answers, errors and messages as Lua 5.4's (lstrlib.c), but count every unit of
 * matching work as steps and take them off the running call's instruction budget; a search is
 * given no more steps than the budget and the deadline leave, and stops with the budget's error
 * when they run out. Everything stays in C: arguments, matching, captures, the replacement of
 * gsub (a replacement function is called with lua_call, as Lua does). The only longjmp of our
 * own is inside the matcher, from a failure back to pm_find, over C frames only.
 *
 * A gmatch iterator belongs to the call that made it: used in a later call (one made while a
 * module loaded, kept in the module and called from a rule), it would carry state from one
 * call to the next, so it is a sandbox violation.
 *
 * Semantics follow the C locale: character classes are ASCII only.
 */
#pragma clang diagnostic ignored "-Wunused-function"
#include "../CLua/shim.h"
#include "clua_patterns.h"
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#define PM_MAXDEPTH 200                 /* MAXCCALLS in lstrlib.c: nesting of the recursive match */
#define PM_UNFINISHED (-1)              /* a capture's length while it is open */
#define PM_POSITION (-2)                /* a position capture, "()" */
/* Matching steps allowed per second of the deadline left: a conservative rate (the matcher does
   well over this), so that a huge instruction budget cannot outlast the deadline. */
#define PM_STEPS_PER_SECOND 20000000.0

typedef const unsigned char *pm_ptr;

typedef struct pm_state {
    pm_ptr src_init, src_end;           /* the whole subject */
    pm_ptr p_start, p_end;              /* the pattern, without the '^' of an anchored search */
    int64_t steps;                      /* steps left */
    int depth;                          /* matches that may still nest */
    int level;                          /* captures opened */
    const char *message;                /* why the pattern is malformed */
    char text[48];                      /* a formatted message */
    pm_ptr m_start, m_end;              /* the last match */
    jmp_buf fail;
    struct { pm_ptr init; ptrdiff_t len; } capture[CLUA_PATTERN_MAXCAPTURES];
    /* How the search skips start positions (pm_scan), worked out once per pattern for all the
       searches of one call (gsub searches again after every match): for the first item
       `first_for` (NULL: none yet), each byte's answer (0 unknown, 1 no, 2 yes). */
    pm_ptr first_for;
    unsigned char known[256];
    int listed;                         /* every byte's answer is in known[] */
    int single;                         /* the class's one byte, else -1 */
    int ascii_members;                  /* whether an ASCII byte is in the class */
    int64_t fail_cost;                  /* what a start position that fails at once costs */
} pm_state;

/* ---- The matcher ------------------------------------------------------------------------- */

static void pm_raise(pm_state *ms, int status, const char *message) {
    if (status == CLUA_PATTERN_BUDGET) ms->steps = 0;
    ms->message = message;
    longjmp(ms->fail, status);
}

static inline void pm_charge(pm_state *ms, int64_t cost) {
    ms->steps -= cost;
    if (ms->steps < 0) pm_raise(ms, CLUA_PATTERN_BUDGET, NULL);
}

/* The pattern byte at p, or 0 past its end (where C reads a string's terminating zero). */
static inline unsigned char pm_at(const pm_state *ms, pm_ptr p) {
    return p < ms->p_end ? *p : 0;
}

static inline int pm_class(unsigned char c, unsigned char cl) {
    int res;
    switch (cl | 0x20) {
    case 'a': res = (unsigned char)((c | 0x20) - 'a') < 26; break;
    case 'c': res = c < 0x20 || c == 0x7F; break;
    case 'd': res = (unsigned char)(c - '0') < 10; break;
    case 'g': res = (unsigned char)(c - 0x21) < 94; break;
    case 'l': res = (unsigned char)(c - 'a') < 26; break;
    case 'p': res = (unsigned char)(c - 0x21) < 94 && !((unsigned char)((c | 0x20) - 'a') < 26)
                    && !((unsigned char)(c - '0') < 10); break;
    case 's': res = c == ' ' || (unsigned char)(c - 0x09) < 5; break;
    case 'u': res = (unsigned char)(c - 'A') < 26; break;
    case 'w': res = (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10; break;
    case 'x': res = (unsigned char)(c - '0') < 10 || (unsigned char)((c | 0x20) - 'a') < 6; break;
    case 'z': res = c == 0; break;   /* deprecated option */
    default: return cl == c;
    }
    /* cl | 0x20 lowers letters only for letters: other bytes reach default */
    return (unsigned char)(cl - 'a') < 26 ? res : !res;
}

/* A set "[...]": p at its '[', ec at its closing ']'. */
static int pm_set(unsigned char c, pm_ptr p, pm_ptr ec) {
    int sig = 1;
    if (p[1] == '^') { sig = 0; p++; }
    while (++p < ec) {
        if (*p == '%') {
            p++;
            if (pm_class(c, *p)) return sig;
        } else if (p[1] == '-' && p + 2 < ec) {
            p += 2;
            if (p[-2] <= c && c <= *p) return sig;
        } else if (*p == c) {
            return sig;
        }
    }
    return !sig;
}

/* Whether byte c matches the single-character class p..ep. */
static inline int pm_single(unsigned char c, pm_ptr p, pm_ptr ep) {
    switch (*p) {
    case '.': return 1;
    case '%': return pm_class(c, p[1]);
    case '[': return pm_set(c, p, ep - 1);
    default: return *p == c;
    }
}

/* Fills in[c] with 2 for every byte c in the single-character class p..ep and 1 for the
   others, when one walk of the class tells that (any byte, a literal, a set without %classes);
   returns 0, leaving in[] alone, for the others. The walk mirrors pm_set. */
static int pm_members(pm_ptr p, pm_ptr ep, unsigned char *in) {
    switch (*p) {
    case '.': memset(in, 2, 256); return 1;
    case '%': return 0;
    case '[': break;
    default: memset(in, 1, 256); in[*p] = 2; return 1;
    }
    pm_ptr ec = ep - 1;
    for (pm_ptr q = p + 1; q < ec; q++) if (*q == '%') return 0;
    unsigned char yes = 2;
    if (p[1] == '^') { yes = 1; p++; }
    memset(in, yes == 2 ? 1 : 2, 256);
    while (++p < ec) {
        if (p[1] == '-' && p + 2 < ec) {
            for (int c = p[0]; c <= (int)p[2]; c++) in[c] = yes;
            p += 2;
        } else {
            in[*p] = yes;
        }
    }
    return 1;
}

/* What one test of the class p..ep costs: sets are scanned, so long sets cost more. */
static inline int64_t pm_cost(pm_ptr p, pm_ptr ep) {
    return *p == '[' ? 1 + ((ep - p) >> 3) : 1;
}

/* The end of the single-character class at p, or NULL when it is malformed. */
static pm_ptr pm_class_end_or_null(const pm_state *ms, pm_ptr p) {
    unsigned char c = *p++;
    if (c == '%') return p >= ms->p_end ? NULL : p + 1;
    if (c == '[') {
        if (pm_at(ms, p) == '^') p++;
        do {   /* look for a ']' */
            if (p >= ms->p_end) return NULL;
            c = *p++;
            if (c == '%' && p < ms->p_end) p++;   /* skip escapes (e.g. '%]') */
        } while (pm_at(ms, p) != ']');
        return p + 1;
    }
    return p;
}

static pm_ptr pm_class_end(pm_state *ms, pm_ptr p) {
    pm_ptr end = pm_class_end_or_null(ms, p);
    if (!end) pm_raise(ms, CLUA_PATTERN_MALFORMED, *p == '%' ? "malformed pattern (ends with '%')"
                                                             : "malformed pattern (missing ']')");
    return end;
}

static pm_ptr pm_match(pm_state *ms, pm_ptr s, pm_ptr p);

/* %bxy; p at x. */
static pm_ptr pm_balance(pm_state *ms, pm_ptr s, pm_ptr p) {
    if (p + 1 >= ms->p_end) pm_raise(ms, CLUA_PATTERN_MALFORMED, "malformed pattern (missing arguments to '%b')");
    pm_charge(ms, 1);
    if (s >= ms->src_end || *s != p[0]) return NULL;
    unsigned char open = p[0], close = p[1];
    int64_t depth = 1;
    pm_ptr i = s + 1;
    /* scan at most as many bytes as the steps left allow, charged at once */
    pm_ptr limit = ms->src_end - i <= ms->steps ? ms->src_end : i + ms->steps;
    while (i < limit) {
        unsigned char c = *i;
        if (c == close) {
            if (--depth == 0) { ms->steps -= i + 1 - (s + 1); return i + 1; }
        } else if (c == open) {
            depth++;
        }
        i++;
    }
    ms->steps -= i - (s + 1);
    if (limit < ms->src_end) pm_raise(ms, CLUA_PATTERN_BUDGET, NULL);
    return NULL;   /* the subject ends out of balance */
}

/* A back-reference's capture number (digit is '0'..'9'). */
static int pm_check_capture(pm_state *ms, unsigned char digit) {
    int l = (int)digit - '1';
    if (l < 0 || l >= ms->level || ms->capture[l].len == PM_UNFINISHED) {
        snprintf(ms->text, sizeof ms->text, "invalid capture index %%%d", l + 1);
        pm_raise(ms, CLUA_PATTERN_MALFORMED, ms->text);
    }
    return l;
}

/* %1-%9: the text of an earlier capture again. */
static pm_ptr pm_back_reference(pm_state *ms, pm_ptr s, unsigned char digit) {
    int l = pm_check_capture(ms, digit);
    ptrdiff_t len = ms->capture[l].len;
    pm_charge(ms, 1 + (len > 0 ? len >> 3 : 0));
    /* a position capture never matches (in C its length turns into a huge size_t) */
    if (len < 0 || ms->src_end - s < len) return NULL;
    if (memcmp(ms->capture[l].init, s, (size_t)len) != 0) return NULL;
    return s + len;
}

static pm_ptr pm_open_capture(pm_state *ms, pm_ptr s, pm_ptr p, ptrdiff_t what) {
    int l = ms->level;
    if (l >= CLUA_PATTERN_MAXCAPTURES) pm_raise(ms, CLUA_PATTERN_MALFORMED, "too many captures");
    ms->capture[l].init = s;
    ms->capture[l].len = what;
    ms->level = l + 1;
    pm_ptr res = pm_match(ms, s, p);
    if (!res) ms->level--;   /* undo the capture */
    return res;
}

static pm_ptr pm_close_capture(pm_state *ms, pm_ptr s, pm_ptr p) {
    int l = ms->level - 1;
    while (l >= 0 && ms->capture[l].len != PM_UNFINISHED) l--;
    if (l < 0) pm_raise(ms, CLUA_PATTERN_MALFORMED, "invalid pattern capture");
    ms->capture[l].len = s - ms->capture[l].init;
    pm_ptr res = pm_match(ms, s, p);
    if (!res) ms->capture[l].len = PM_UNFINISHED;   /* undo */
    return res;
}

/* Greedy repetition of the class p..ep ('*', or '+' after its first match). */
static pm_ptr pm_max_expand(pm_state *ms, pm_ptr s, pm_ptr p, pm_ptr ep) {
    int64_t cost = pm_cost(p, ep);
    int64_t available = ms->src_end - s;
    int64_t affordable = ms->steps / cost;
    int64_t limit = available < affordable ? available : affordable;
    int64_t i = 0;
    if (*p == '.') i = limit;
    else while (i < limit && pm_single(s[i], p, ep)) i++;
    ms->steps -= i * cost;
    if (i == affordable && i < available) pm_raise(ms, CLUA_PATTERN_BUDGET, NULL);
    pm_charge(ms, cost);   /* the final, failing test (or the subject's end) */
    for (; i >= 0; i--) {  /* the rest of the pattern, with fewer repetitions each time */
        pm_ptr res = pm_match(ms, s + i, ep + 1);
        if (res) return res;
    }
    return NULL;
}

/* Lazy repetition ('-'). */
static pm_ptr pm_min_expand(pm_state *ms, pm_ptr s, pm_ptr p, pm_ptr ep) {
    int64_t cost = pm_cost(p, ep);
    for (;;) {
        pm_ptr res = pm_match(ms, s, ep + 1);
        if (res) return res;
        pm_charge(ms, cost);
        if (s < ms->src_end && pm_single(*s, p, ep)) s++;
        else return NULL;
    }
}

/* The end of the match of the pattern from p at s, or NULL. */
static pm_ptr pm_match_body(pm_state *ms, pm_ptr s, pm_ptr p) {
    pm_charge(ms, 1);
    for (;;) {   /* each turn is a tail call in lstrlib.c */
        if (p == ms->p_end) return s;
        unsigned char c = *p;
        if (c == '(') {
            if (pm_at(ms, p + 1) == ')') return pm_open_capture(ms, s, p + 2, PM_POSITION);
            return pm_open_capture(ms, s, p + 1, PM_UNFINISHED);
        }
        if (c == ')') return pm_close_capture(ms, s, p + 1);
        if (c == '$' && p + 1 == ms->p_end) return s == ms->src_end ? s : NULL;
        if (c == '%') {
            unsigned char next = pm_at(ms, p + 1);
            if (next == 'b') {
                s = pm_balance(ms, s, p + 2);
                if (!s) return NULL;
                p += 4;
                continue;
            }
            if (next == 'f') {
                p += 2;
                if (pm_at(ms, p) != '[') pm_raise(ms, CLUA_PATTERN_MALFORMED, "missing '[' after '%f' in pattern");
                pm_ptr ep = pm_class_end(ms, p);
                pm_charge(ms, pm_cost(p, ep));
                unsigned char previous = s == ms->src_init ? 0 : s[-1];
                unsigned char current = s < ms->src_end ? *s : 0;
                if (!pm_set(previous, p, ep - 1) && pm_set(current, p, ep - 1)) { p = ep; continue; }
                return NULL;
            }
            if (next >= '0' && next <= '9') {
                s = pm_back_reference(ms, s, next);
                if (!s) return NULL;
                p += 2;
                continue;
            }
        }
        /* a single-character class and an optional quantifier */
        pm_ptr ep = pm_class_end(ms, p);
        unsigned char suffix = pm_at(ms, ep);
        pm_charge(ms, pm_cost(p, ep));
        if (!(s < ms->src_end && pm_single(*s, p, ep))) {
            if (suffix == '*' || suffix == '?' || suffix == '-') { p = ep + 1; continue; }   /* accept empty */
            return NULL;
        }
        switch (suffix) {   /* matched once */
        case '?': {
            pm_ptr res = pm_match(ms, s + 1, ep + 1);
            if (res) return res;
            p = ep + 1;
            break;
        }
        case '+': return pm_max_expand(ms, s + 1, p, ep);
        case '*': return pm_max_expand(ms, s, p, ep);
        case '-': return pm_min_expand(ms, s, p, ep);
        default: s++; p = ep; break;
        }
    }
}

static pm_ptr pm_match(pm_state *ms, pm_ptr s, pm_ptr p) {
    if (ms->depth == 0) pm_raise(ms, CLUA_PATTERN_MALFORMED, "pattern too complex");
    ms->depth--;
    pm_ptr res = pm_match_body(ms, s, p);
    ms->depth++;
    return res;
}

/* The end of the pattern's first item when it is one character class that must match once (a
   literal, '.', a %class or a set, without '*', '?' or '-'); NULL otherwise. */
static pm_ptr pm_first_item(const pm_state *ms) {
    pm_ptr p = ms->p_start;
    if (p >= ms->p_end) return NULL;
    switch (*p) {
    case '(': case ')': return NULL;
    case '$': if (p + 1 == ms->p_end) return NULL; break;
    case '%': {
        unsigned char next = pm_at(ms, p + 1);
        if (next == 'b' || next == 'f' || (next >= '0' && next <= '9')) return NULL;
        break;
    }
    default: break;
    }
    pm_ptr end = pm_class_end_or_null(ms, p);   /* a malformed class: left to pm_match to report */
    if (!end) return NULL;
    unsigned char suffix = pm_at(ms, end);
    if (suffix == '*' || suffix == '?' || suffix == '-') return NULL;
    return end;
}

/* Tries start, then (unless anchored) every later position up to the subject's end. */
static int pm_scan(pm_state *ms, pm_ptr start, int anchored) {
    pm_ptr p = ms->p_start;
    pm_ptr first = anchored ? NULL : pm_first_item(ms);
    if (!first) {
        for (;;) {
            ms->level = 0;
            pm_ptr e = pm_match(ms, start, p);
            if (e) { ms->m_start = start; ms->m_end = e; return CLUA_PATTERN_FOUND; }
            if (anchored || start >= ms->src_end) return CLUA_PATTERN_NONE;
            start++;
        }
    }
    /* A position whose byte is not in the first class fails at once: skip it here, charged what
       pm_match charges for that failure. Which bytes are in the class is worked out at once when
       that is one walk of the class, else once for each byte met. With every byte's answer
       listed, the skip has two faster forms: a class of one byte is looked for with memchr, and
       a class with no ASCII byte (a pattern that starts with an accented letter) passes over
       ASCII eight bytes at a time. */
    if (ms->first_for != first) {
        ms->first_for = first;
        ms->listed = pm_members(p, first, ms->known);
        if (!ms->listed) memset(ms->known, 0, sizeof ms->known);
        ms->fail_cost = 1 + pm_cost(p, first);
        ms->single = -1;
        ms->ascii_members = 0;
        if (ms->listed) {
            /* known[] holds 1 or 2 in every byte: bit 1 marks a member, read a word at a time */
            int members = 0;
            for (int w = 0; w < 32; w++) {
                uint64_t word;
                memcpy(&word, ms->known + 8 * w, 8);
                uint64_t in = (word >> 1) & UINT64_C(0x0101010101010101);
                if (!in) continue;
                members += __builtin_popcountll(in);
                for (int j = 0; j < 8; j++) if (ms->known[8 * w + j] == 2) ms->single = 8 * w + j;
                if (w < 16) ms->ascii_members = 1;
            }
            if (members != 1) ms->single = -1;
        }
    }
    unsigned char *known = ms->known;
    const int64_t fail_cost = ms->fail_cost;
    for (;;) {
        /* the steps counted in a register while skipping (the matcher's state lives in memory,
           since a failure jumps back to pm_find): charged as if one by one */
        int64_t steps = ms->steps;
        pm_ptr end = ms->src_end;
        if (ms->listed && steps >= fail_cost) {
            /* as far as the steps left pay for, every byte that fails is charged at once; the
               loop below goes on from where this stops, byte by byte, as before */
            int64_t affordable = steps / fail_cost;
            pm_ptr limit = end - start > affordable ? start + affordable : end;
            pm_ptr from = start;
            if (ms->single >= 0) {
                pm_ptr hit = (pm_ptr)memchr(start, ms->single, (size_t)(limit - start));
                start = hit ? hit : limit;
            } else {
                while (start < limit) {
                    if (!ms->ascii_members) {
                        while (limit - start >= 8) {
                            uint64_t w;
                            memcpy(&w, start, 8);
                            if (w & UINT64_C(0x8080808080808080)) break;
                            start += 8;
                        }
                    }
                    pm_ptr stop = limit - start > 8 ? start + 8 : limit;
                    while (start < stop && known[*start] == 1) start++;
                    if (start < stop) break;   /* a member */
                }
            }
            steps -= (int64_t)(start - from) * fail_cost;
        }
        while (start < end) {
            unsigned char c = *start;
            unsigned char k = known[c];
            if (!k) { k = pm_single(c, p, first) ? 2 : 1; known[c] = k; }
            if (k == 2) break;
            steps -= fail_cost;
            if (steps < 0) pm_raise(ms, CLUA_PATTERN_BUDGET, NULL);
            start++;
        }
        ms->steps = steps;
        ms->level = 0;
        pm_ptr e = pm_match(ms, start, p);
        if (e) { ms->m_start = start; ms->m_end = e; return CLUA_PATTERN_FOUND; }
        if (start >= ms->src_end) return CLUA_PATTERN_NONE;
        start++;
    }
}

/* One search: a CLUA_PATTERN_ status; the match in ms->m_start, m_end and the captures. */
static int pm_find(pm_state *ms, pm_ptr start, int anchored) {
    int status = setjmp(ms->fail);
    if (status != 0) return status;
    ms->depth = PM_MAXDEPTH;
    return pm_scan(ms, start, anchored);
}

static void pm_prepare(pm_state *ms, const char *s, size_t ls, const char *p, size_t lp) {
    ms->src_init = (pm_ptr)s;
    ms->src_end = (pm_ptr)s + ls;
    ms->p_start = (pm_ptr)p;
    ms->p_end = (pm_ptr)p + lp;
    ms->level = 0;
    ms->depth = PM_MAXDEPTH;
    ms->message = NULL;
    ms->first_for = NULL;
}

int clua_pattern_find(const unsigned char *subject, size_t subject_length,
                      const unsigned char *pattern, size_t pattern_length,
                      size_t from, int anchored, int64_t *steps, clua_pattern_match *out) {
    static const unsigned char empty[1] = { 0 };
    pm_state ms;
    if (!subject) subject = empty;
    if (!pattern) pattern = empty;
    if (from > subject_length) from = subject_length;
    int skip = !anchored && pattern_length > 0 && pattern[0] == '^';
    pm_prepare(&ms, (const char *)subject, subject_length, (const char *)pattern + skip, pattern_length - skip);
    ms.steps = *steps;
    out->captures = 0;
    out->message[0] = 0;
    int status = pm_find(&ms, subject + from, anchored || skip);
    *steps = ms.steps < 0 ? 0 : ms.steps;
    if (status == CLUA_PATTERN_MALFORMED) {
        snprintf(out->message, sizeof out->message, "%s", ms.message);
        return status;
    }
    if (status != CLUA_PATTERN_FOUND) return status;
    out->start = ms.m_start - subject;
    out->end = ms.m_end - subject;
    for (int i = 0; i < ms.level; i++) {
        if (ms.capture[i].len == PM_UNFINISHED) {
            snprintf(out->message, sizeof out->message, "unfinished capture");
            out->captures = 0;
            return CLUA_PATTERN_MALFORMED;
        }
        out->capture_start[i] = ms.capture[i].len == PM_POSITION ? (ms.capture[i].init - subject) + 1
                                                                 : ms.capture[i].init - subject;
        out->capture_length[i] = ms.capture[i].len == PM_POSITION ? -1 : ms.capture[i].len;
        out->captures = i + 1;
    }
    return status;
}

/* ---- Budgets ----------------------------------------------------------------------------- */

/* The monotonic clock at its last tick: a few nanoseconds to read (the precise clock costs several
   times that, and gsub searches again after every match). It is never ahead of the precise clock
   and lags it by at most a tick; PM_COARSE_LAG is a generous bound of that lag. */
#define PM_COARSE_LAG 0.02
#ifndef CLOCK_MONOTONIC_COARSE
#define CLOCK_MONOTONIC_COARSE CLOCK_MONOTONIC   /* no coarse clock: the precise one, read twice */
#endif
static inline double pm_coarse_now(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0) return 1e300;  /* settles nothing: the precise clock decides */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The steps a search may take: the instructions left, and no more than the deadline allows. */
static int64_t pm_allowance(lua_State *L, int *time_bound) {
    clua_budget *b = clua_budget_of(L);
    const int64_t half = INT64_MAX / 2;
    int64_t allowance = half;
    *time_bound = 0;
    if (b && b->instruction_limit > 0)
        allowance = b->instruction_limit - b->instructions > 0 ? b->instruction_limit - b->instructions : 0;
    if (allowance > half) allowance = half;
    /* The matcher does not read the clock. Until the nominal deadline the wall clock is a lower
       bound of the CPU time left (a thread cannot use more CPU than wall time), so the thread's
       CPU clock, a system call, is read only when the time left could bind tighter than the
       instructions left. The coarse clock answers first: when even its earliest reading plus the
       most it may lag leaves time for every step left, the precise clock could only say the same. */
    if (b && b->enforce && b->deadline > 0
        && (b->deadline - pm_coarse_now() - PM_COARSE_LAG) * PM_STEPS_PER_SECOND < (double)allowance
        && (b->deadline - clua_now()) * PM_STEPS_PER_SECOND < (double)allowance) {
        if (b->cpu_start < 0) b->cpu_start = clua_thread_cpu();   /* not read yet */
        double cpu_left = b->cpu_limit - (clua_thread_cpu() - b->cpu_start);
        double wall_left = b->wall_deadline > 0 ? b->wall_deadline - clua_now() : cpu_left;
        double seconds = cpu_left < wall_left ? cpu_left : wall_left;
        if (seconds < 0) seconds = 0;
        double by_time = seconds * PM_STEPS_PER_SECOND;
        if (by_time > (double)(INT64_MAX / 4)) by_time = (double)(INT64_MAX / 4);
        if ((int64_t)by_time < allowance) { allowance = (int64_t)by_time; *time_bound = 1; }
    }
    return allowance;
}

static int pm_raise_text(lua_State *L, const char *message) {
    lua_pushstring(L, message);
    return lua_error(L);
}

/* Charges a search's steps, or raises what stopped it. */
static void pm_settle(lua_State *L, int status, const char *message, int64_t allowance, int64_t left, int time_bound) {
    if (status == CLUA_PATTERN_BUDGET) {
        clua_budget *b = clua_budget_of(L);
        if (time_bound && b && b->stop == CLUA_STOP_NONE) {
            b->stop = CLUA_STOP_TIME;
            clua_trip(b, L);
            pm_raise_text(L, "time limit exceeded in pattern matching");
        }
        (void)clua_charge(L, allowance + 1);
        pm_raise_text(L, "instruction limit exceeded in pattern matching");
    }
    if (status == CLUA_PATTERN_MALFORMED) luaL_error(L, "%s", message);   /* located at the caller, as in Lua */
    if (clua_charge(L, allowance - left) != 0) pm_raise_text(L, "budget exceeded in pattern matching");
}

/* One search under the running call's budget; whether it matched. */
static int pm_run(lua_State *L, pm_state *ms, pm_ptr start, int anchored) {
    int time_bound;
    int64_t allowance = pm_allowance(L, &time_bound);
    ms->steps = allowance;
    int status = pm_find(ms, start, anchored);
    pm_settle(L, status, ms->message, allowance, ms->steps, time_bound);
    return status == CLUA_PATTERN_FOUND;
}

/* ---- The library functions --------------------------------------------------------------- */

static int pm_no_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++) {
        switch (p[i]) {
        case '^': case '$': case '*': case '+': case '?': case '.': case '(': case '[': case '%': case '-':
            return 0;
        default: break;
        }
    }
    return 1;
}

/* Pushes capture i of the match s..e (the whole match when there are no captures and i is 0). */
static void pm_push_capture(lua_State *L, const pm_state *ms, int i, pm_ptr s, pm_ptr e) {
    if (i >= ms->level) {
        if (i != 0) luaL_error(L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(L, (const char *)s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = ms->capture[i].len;
    if (len == PM_UNFINISHED) luaL_error(L, "unfinished capture");
    if (len == PM_POSITION) lua_pushinteger(L, (lua_Integer)(ms->capture[i].init - ms->src_init) + 1);
    else lua_pushlstring(L, (const char *)ms->capture[i].init, (size_t)len);
}

/* Pushes every capture (or the whole match s..e when there is none; nothing when s is NULL). */
static int pm_push_captures(lua_State *L, const pm_state *ms, pm_ptr s, pm_ptr e) {
    int n = (ms->level == 0 && s) ? 1 : ms->level;
    luaL_checkstack(L, n, "too many captures");
    for (int i = 0; i < n; i++) pm_push_capture(L, ms, i, s, e);
    return n;
}

/* string.find with a plain needle: the first occurrence of p in s from init, charged one step
   per 16 bytes scanned or compared. */
static int pm_plain_find(lua_State *L, const char *s, size_t ls, size_t init, const char *p, size_t lp) {
    int time_bound;
    int64_t allowance = pm_allowance(L, &time_bound);
    int64_t steps = allowance;
    int status = CLUA_PATTERN_NONE;
    const char *found = NULL;
    if (lp == 0) {
        found = s + init;
        status = CLUA_PATTERN_FOUND;
    } else if (lp <= ls - init) {
        const char *cur = s + init;
        const char *last = s + ls - lp;   /* the last place a match can start */
        int64_t compare_cost = 1 + (int64_t)(lp >> 4);
        while (cur <= last) {
            size_t window = (size_t)(last - cur) + 1;
            int64_t scan_cost = 1 + (int64_t)(window >> 4);
            int cut = 0;
            if (scan_cost > steps) {   /* scan only what the steps left pay for */
                window = steps > 0 ? (size_t)(steps - 1) << 4 : 0;
                scan_cost = steps;
                cut = 1;
            }
            const char *hit = window > 0 ? memchr(cur, p[0], window) : NULL;
            steps -= hit ? 1 + ((hit - cur) >> 4) : scan_cost;
            if (!hit) { if (cut) status = CLUA_PATTERN_BUDGET; break; }
            if (steps < compare_cost) { status = CLUA_PATTERN_BUDGET; break; }
            steps -= compare_cost;
            if (memcmp(hit + 1, p + 1, lp - 1) == 0) { found = hit; status = CLUA_PATTERN_FOUND; break; }
            cur = hit + 1;
        }
    }
    pm_settle(L, status, NULL, allowance, status == CLUA_PATTERN_BUDGET ? 0 : steps, time_bound);
    if (!found) { luaL_pushfail(L); return 1; }
    lua_pushinteger(L, (lua_Integer)(found - s) + 1);
    lua_pushinteger(L, (lua_Integer)(found - s + lp));
    return 2;
}

static int pm_find_aux(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = (size_t)clua_slice_start(luaL_optinteger(L, 3, 1), ls) - 1;   /* posrelatI */
    if (init > ls) { luaL_pushfail(L); return 1; }   /* starts after the subject's end */
    if (find && (lua_toboolean(L, 4) || pm_no_specials(p, lp))) return pm_plain_find(L, s, ls, init, p, lp);
    pm_state ms;
    int anchor = lp > 0 && *p == '^';
    pm_prepare(&ms, s, ls, p + anchor, lp - anchor);
    if (pm_run(L, &ms, ms.src_init + init, anchor)) {
        if (find) {
            lua_pushinteger(L, (lua_Integer)(ms.m_start - ms.src_init) + 1);
            lua_pushinteger(L, (lua_Integer)(ms.m_end - ms.src_init));
            return pm_push_captures(L, &ms, NULL, NULL) + 2;
        }
        return pm_push_captures(L, &ms, ms.m_start, ms.m_end);
    }
    luaL_pushfail(L);
    return 1;
}

static int pm_str_find(lua_State *L) { return pm_find_aux(L, 1); }
static int pm_str_match(lua_State *L) { return pm_find_aux(L, 0); }

/* ---- gmatch ------------------------------------------------------------------------------ */

typedef struct pm_gmatch {
    size_t src;             /* where the next search starts */
    ptrdiff_t lastmatch;    /* where the last match ended; -1 before the first */
    int64_t serial;         /* the call that made the iterator */
} pm_gmatch;

static int64_t pm_call_serial(lua_State *L) {
    clua_budget *b = clua_budget_of(L);
    return b ? b->call_serial : 0;
}

/* The iterator: upvalues s, p, its state, and the sandbox's violate(message, level). */
static int pm_gmatch_next(lua_State *L) {
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    pm_gmatch *gm = (pm_gmatch *)lua_touserdata(L, lua_upvalueindex(3));
    if (gm->serial != pm_call_serial(L)) {
        lua_pushvalue(L, lua_upvalueindex(4));
        lua_pushstring(L, "a string.gmatch iterator made in another call (while a module loaded) cannot be used here: "
                          "it would carry state from one call to the next; call string.gmatch in the function that uses it");
        lua_pushinteger(L, 2);
        lua_call(L, 2, 0);
        return luaL_error(L, "string.gmatch: iterator from another call");
    }
    pm_state ms;
    pm_prepare(&ms, s, ls, p, lp);   /* '^' is no anchor in gmatch */
    while (gm->src <= ls) {
        if (!pm_run(L, &ms, ms.src_init + gm->src, 0)) break;
        ptrdiff_t end = ms.m_end - ms.src_init;
        if (end == gm->lastmatch) {   /* an empty match right where the last one ended: skip it */
            gm->src = (size_t)(ms.m_start - ms.src_init) + 1;
            continue;
        }
        gm->src = (size_t)end;
        gm->lastmatch = end;
        return pm_push_captures(L, &ms, ms.m_start, ms.m_end);
    }
    gm->src = ls + 1;   /* nothing from here on: nothing later either */
    return 0;
}

static int pm_str_gmatch(lua_State *L) {
    size_t ls, lp;
    luaL_checklstring(L, 1, &ls);
    luaL_checklstring(L, 2, &lp);
    size_t init = (size_t)clua_slice_start(luaL_optinteger(L, 3, 1), ls) - 1;   /* posrelatI */
    lua_settop(L, 2);   /* the strings stay alive as the iterator's upvalues */
    pm_gmatch *gm = (pm_gmatch *)lua_newuserdatauv(L, sizeof(pm_gmatch), 0);
    if (init > ls) init = ls + 1;   /* starts after the subject's end: nothing to find */
    gm->src = init;
    gm->lastmatch = -1;
    gm->serial = pm_call_serial(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, pm_gmatch_next, 4);
    return 1;
}

/* ---- gsub -------------------------------------------------------------------------------- */

/* A replacement string: its text, with %0-%9 and %% expanded. */
static void pm_add_string(lua_State *L, luaL_Buffer *b, const pm_state *ms, pm_ptr s, pm_ptr e) {
    size_t l;
    const char *news = lua_tolstring(L, 3, &l);
    const char *end = news + l;
    const char *p;
    while ((p = memchr(news, '%', (size_t)(end - news))) != NULL) {
        luaL_addlstring(b, news, (size_t)(p - news));
        p++;   /* the byte after '%' (the string's terminating zero at its end) */
        char d = p < end ? *p : 0;
        if (d == '%') {
            luaL_addchar(b, '%');
        } else if (d == '0') {
            luaL_addlstring(b, (const char *)s, (size_t)(e - s));
        } else if (d >= '1' && d <= '9') {
            int i = d - '1';
            if (i < ms->level && ms->capture[i].len != PM_POSITION) {
                if (ms->capture[i].len == PM_UNFINISHED) luaL_error(L, "unfinished capture");
                luaL_addlstring(b, (const char *)ms->capture[i].init, (size_t)ms->capture[i].len);
            } else {
                pm_push_capture(L, ms, i, s, e);
                luaL_addvalue(b);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
        news = p + 1;
    }
    luaL_addlstring(b, news, (size_t)(end - news));
}

static int pm_str_gsub(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                     "string/function/table");
    int anchor = lp > 0 && *p == '^';
    pm_state ms;
    pm_prepare(&ms, s, ls, p + anchor, lp - anchor);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t at = 0, copied = 0;   /* where the next search starts; how much of s the buffer has */
    ptrdiff_t lastmatch = -1;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        if (!pm_run(L, &ms, ms.src_init + at, anchor)) break;
        size_t start = (size_t)(ms.m_start - ms.src_init), end = (size_t)(ms.m_end - ms.src_init);
        if ((ptrdiff_t)end == lastmatch) {   /* an empty match right where the last one ended */
            if (anchor || start >= ls) break;
            at = start + 1;
            continue;
        }
        n++;
        size_t before = luaL_bufflen(&b);
        luaL_addlstring(&b, s + copied, start - copied);
        copied = start;
        if (tr == LUA_TFUNCTION || tr == LUA_TTABLE) {
            if (tr == LUA_TFUNCTION) {
                lua_pushvalue(L, 3);
                int k = pm_push_captures(L, &ms, ms.m_start, ms.m_end);
                lua_call(L, k, 1);
            } else {
                pm_push_capture(L, &ms, 0, ms.m_start, ms.m_end);
                lua_gettable(L, 3);
            }
            if (!lua_toboolean(L, -1)) {
                lua_pop(L, 1);   /* keep the original text: it goes in with the next piece */
            } else if (!lua_isstring(L, -1)) {
                return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
            } else {
                luaL_addvalue(&b);
                copied = end;
                changed = 1;
            }
        } else {
            pm_add_string(L, &b, &ms, ms.m_start, ms.m_end);
            copied = end;
            changed = 1;
        }
        /* the text built is work the matcher did not count */
        clua_charge_or_stop(L, 1 + (int64_t)((luaL_bufflen(&b) - before) >> 4));
        at = end;
        lastmatch = (ptrdiff_t)end;
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, s + copied, ls - copied);
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* host.patterns(violate) -> { find, match, gmatch, gsub } */
int clua_patterns_open(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, pm_str_find);
    lua_setfield(L, -2, "find");
    lua_pushcfunction(L, pm_str_match);
    lua_setfield(L, -2, "match");
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, pm_str_gmatch, 1);
    lua_setfield(L, -2, "gmatch");
    lua_pushcfunction(L, pm_str_gsub);
    lua_setfield(L, -2, "gsub");
    return 1;
}
