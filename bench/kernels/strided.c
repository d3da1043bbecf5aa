// Strided gather: the C twin of strided.rs.
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n, seed, ~0u);
}

EXPORT("run") uint32_t run(uint32_t n, uint32_t m, uint32_t stride) {
    const uint32_t *p = (const uint32_t *)BASE;
    uint32_t mask = n - 1, total = 0;
    for (uint32_t i = 0; i < m; i++) total += p[(i * stride) & mask];
    return total;
}
