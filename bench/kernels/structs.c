// Struct-array update: the C twin of structs.rs.
#include "common.h"

typedef struct {
    uint32_t x, y, z, vx, vy, vz, mass, hits;
} Particle;

EXPORT("init") void init(uint32_t n, uint32_t seed) {
    Particle *p = (Particle *)BASE;
    uint32_t x = seed;
    for (uint32_t i = 0; i < n; i++) {
        x = xorshift(x);
        uint32_t a = x;
        x = xorshift(x);
        uint32_t b = x;
        p[i] = (Particle){a & 0xFFFF, a >> 16, b & 0xFFFF, (b >> 16) & 0xFF, (b >> 24) & 0xFF,
                          a & 0xFF, (b & 0xF) + 1, 0};
    }
}

EXPORT("run") uint32_t run(uint32_t n) {
    Particle *p = (Particle *)BASE;
    uint32_t check = 0;
    for (uint32_t i = 0; i < n; i++) {
        Particle *q = &p[i];
        uint32_t x = q->x + q->vx, y = q->y + q->vy, z = q->z + q->vz;
        q->x = x;
        q->y = y;
        q->z = z;
        q->vy -= q->mass;
        q->hits += y >> 31;
        check += x ^ y ^ z;
    }
    return check;
}
