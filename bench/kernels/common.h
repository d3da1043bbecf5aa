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
