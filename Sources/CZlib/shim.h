#include <zlib.h>

// deflateInit2 and inflateInit2 are macros in zlib.h; Swift sees these functions instead.
static inline int czlib_deflate_init_gzip(z_stream *s, int level) {
    // 15 window bits + 16: a gzip wrapper with a zero time stamp and no file name.
    return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
}
static inline int czlib_inflate_init_gzip(z_stream *s) {
    return inflateInit2(s, 15 + 16);
}
