// Sequential sum: the C twin of sum.rs (data at BASE in memory 0).
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n, seed, ~0u);
}

EXPORT("run") uint32_t run(uint32_t n) {
    const uint32_t *p = (const uint32_t *)BASE;
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += p[i];
    return total;
}
