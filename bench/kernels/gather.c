// Random gather: the C twin of gather.rs.
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t m, uint32_t seed) {
    uint32_t *p = (uint32_t *)BASE, *idx = p + n;
    uint32_t x = fill(p, n, seed, ~0u);
    for (uint32_t j = 0; j < m; j++) {
        x = xorshift(x);
        idx[j] = x & (n - 1);
    }
}

EXPORT("run") uint32_t run(uint32_t n, uint32_t m, uint32_t mask) {
    const uint32_t *p = (const uint32_t *)BASE, *idx = p + n;
    uint32_t total = 0;
    for (uint32_t j = 0; j < m; j++) total += p[idx[j] & mask];
    return total;
}
