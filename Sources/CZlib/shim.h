#ifndef FLYWHEEL_CZLIB_SHIM_H
#define FLYWHEEL_CZLIB_SHIM_H
// zlib's raw deflate/inflate (artifact archives), from zlib1g-dev.
#include <zlib.h>
// deflateInit2/inflateInit2 are macros; these wrappers make them callable from Swift.
static inline int flywheel_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
static inline int flywheel_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
