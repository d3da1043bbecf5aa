// Shared by the C twins of the farc kernels (compiled by `zig cc` for
// wasm32-freestanding): the data lives at the same address as in the farc
// kernels, in memory 0, and the xorshift generator is the same.
#include <stdint.h>

#define BASE 1048576u
#define EXPORT(name) __attribute__((export_name(name)))

static inline uint32_t xorshift(uint32_t x) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

// Fills p[0..n] with the xorshift sequence after `seed` (masked); returns
// the generator's last state (the farc prelude's `fill`).
static inline uint32_t fill(uint32_t *p, uint32_t n, uint32_t seed, uint32_t mask) {
    uint32_t x = seed;
    for (uint32_t i = 0; i < n; i++) {
        x = xorshift(x);
        p[i] = x & mask;
    }
    return x;
}
