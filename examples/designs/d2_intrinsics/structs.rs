// Design 2: an array of structs in memory 1 with the intrinsics: each field
// access is a load_memidx/store_memidx at the field's address.
// Exports: init(n, seed) fills n particles at BASE; run(n) moves each by its
// velocity and -> the wrapping sum of x ^ y over all of them.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

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
        unsafe { store_memidx::<1, Particle>(p.add(i), Particle { x: s, y: s >> 7, vx: s & 15, vy: (s >> 4) & 15 }); }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as *mut Particle;
    let mut acc = 0u32;
    let mut i = 0usize;
    while i < n {
        unsafe {
            let q = p.add(i);
            let x = (&raw mut (*q).x);
            let y = (&raw mut (*q).y);
            let nx = load_memidx::<1, u32>(x).wrapping_add(load_memidx::<1, u32>(&raw const (*q).vx));
            let ny = load_memidx::<1, u32>(y).wrapping_add(load_memidx::<1, u32>(&raw const (*q).vy));
            store_memidx::<1, u32>(x, nx);
            store_memidx::<1, u32>(y, ny);
            acc = acc.wrapping_add(nx ^ ny);
        }
        i += 1;
    }
    acc
}
