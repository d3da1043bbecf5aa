// Copy within memory 0: the C twin of copy.rs (memcpy becomes memory.copy
// with -mbulk-memory).
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n, seed, ~0u);
}

EXPORT("run") uint32_t run(uint32_t n) {
    const uint32_t *src = (const uint32_t *)BASE;
    uint32_t *dst = (uint32_t *)(BASE + 4 * n);
    __builtin_memcpy(dst, src, 4 * n);
    return dst[n - 1];
}

EXPORT("run_loop") uint32_t run_loop(uint32_t n, uint8_t k) {
    const uint8_t *src = (const uint8_t *)BASE;
    uint8_t *dst = (uint8_t *)(BASE + 4 * n);
    uint32_t bytes = 4 * n;
    for (uint32_t i = 0; i < bytes; i++) dst[i] = (uint8_t)(src[i] + k);
    return dst[bytes - 1];
}

EXPORT("check") uint32_t check(uint32_t n) {
    const uint32_t *dst = (const uint32_t *)(BASE + 4 * n);
    uint32_t h = 0;
    for (uint32_t i = 0; i < n; i++) h = h * 31 + dst[i];
    return h;
}
