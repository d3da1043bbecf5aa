// FNV-1a (32-bit): the C twin of fnv1a.rs.
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n / 4, seed, ~0u);
}

EXPORT("run") uint32_t run(uint32_t n) {
    const uint8_t *p = (const uint8_t *)BASE;
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}
