#ifndef FLYWHEEL_CZSTD_SHIM_H
#define FLYWHEEL_CZSTD_SHIM_H
// libzstd's public API (streaming compression: ZSTD_compressStream2), from libzstd-dev.
#include <zstd.h>
#endif
