// Design 3: the struct says where it lives (`#[mem_idx(1)] struct`), so
// plain pointers and references to it reach memory 1 with no annotation.
// Exports: init(n, seed) fills n particles at BASE; run(n) moves each by its
// velocity and -> the wrapping sum of x ^ y over all of them.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

#[mem_idx(1)]
struct Particle {
    x: u32,
    y: u32,
    vx: u32,
    vy: u32,
}

const BASE: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as *mut Particle;
    let mut s = seed;
    let mut i = 0usize;
    while i < n {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        unsafe { *p.add(i) = Particle { x: s, y: s >> 7, vx: s & 15, vy: (s >> 4) & 15 }; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as *mut Particle;
    let mut acc = 0u32;
    let mut i = 0usize;
    while i < n {
        let q = unsafe { &mut *p.add(i) };
        q.x = q.x.wrapping_add(q.vx);
        q.y = q.y.wrapping_add(q.vy);
        acc = acc.wrapping_add(q.x ^ q.y);
        i += 1;
    }
    acc
}
