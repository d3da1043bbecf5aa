// Atomic histogram: the C twin of atomic_hist.rs (C11-style builtins, seq_cst).
#include "common.h"

static uint32_t counters;

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n, seed, 255u);
    counters = BASE + 4 * n;
}

EXPORT("run") uint32_t run(uint32_t w) {
    const uint32_t *data = (const uint32_t *)BASE;
    uint32_t *counts = (uint32_t *)counters;
    for (uint32_t k = 0; k < 256; k++) counts[k] = 0;
    for (uint32_t i = 0; i < w; i++) __atomic_fetch_add(&counts[data[i]], 1u, __ATOMIC_SEQ_CST);
    uint32_t check = 0;
    for (uint32_t k = 0; k < 256; k++) check = check * 31u + __atomic_load_n(&counts[k], __ATOMIC_SEQ_CST);
    return check;
}
