// Explicit SIMD sum: the C twin of simd_sum.rs (wasm_simd128.h).
#include <wasm_simd128.h>
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, n, seed, ~0u);
}

EXPORT("run") uint32_t run(uint32_t n) {
    const v128_t *p = (const v128_t *)BASE;
    v128_t a = wasm_u32x4_splat(0), b = wasm_u32x4_splat(0);
    for (uint32_t i = 0; i < n / 4; i += 2) {
        a = wasm_i32x4_add(a, wasm_v128_load(p + i));
        b = wasm_i32x4_add(b, wasm_v128_load(p + i + 1));
    }
    v128_t s = wasm_i32x4_add(a, b);
    return wasm_u32x4_extract_lane(s, 0) + wasm_u32x4_extract_lane(s, 1) + wasm_u32x4_extract_lane(s, 2) +
           wasm_u32x4_extract_lane(s, 3);
}
