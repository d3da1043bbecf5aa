// Matrix multiply: the C twin of matmul.rs.
#include "common.h"

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    fill((uint32_t *)BASE, 2 * n * n, seed, 0xFFFF);
}

EXPORT("run") uint32_t run(uint32_t n) {
    uint32_t *a = (uint32_t *)BASE, *b = a + n * n, *c = b + n * n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t *row = c + i * n;
        for (uint32_t j = 0; j < n; j++) row[j] = 0;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t aik = a[i * n + k];
            const uint32_t *brow = b + k * n;
            for (uint32_t j = 0; j < n; j++) row[j] += aik * brow[j];
        }
    }
    uint32_t check = 0;
    for (uint32_t t = 0; t < n * n; t++) check = check * 31 + c[t];
    return check;
}
