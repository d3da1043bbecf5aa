// Struct-array update: n `#[repr(C)]` particles of 32 bytes; run moves each
// one by its velocity, applies gravity, counts the ones below the floor and
// returns a checksum of the new positions. Repeated runs keep moving them.
// Exports: init(n, seed); run(n) -> checksum.

#[repr(C)]
struct Particle {
    x: u32,
    y: u32,
    z: u32,
    vx: u32,
    vy: u32,
    vz: u32,
    mass: u32,
    hits: u32,
}

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut Particle;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x = xorshift(x);
        let a = x;
        x = xorshift(x);
        let b = x;
        unsafe {
            *p.add(i) = Particle {
                x: a & 0xFFFF,
                y: a >> 16,
                z: b & 0xFFFF,
                vx: (b >> 16) & 0xFF,
                vy: (b >> 24) & 0xFF,
                vz: a & 0xFF,
                mass: (b & 0xF) + 1,
                hits: 0,
            };
        }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as #[mem_idx(D)] *mut Particle;
    let mut check = 0u32;
    let mut i = 0usize;
    while i < n {
        unsafe {
            let q = p.add(i);
            let x = (*q).x.wrapping_add((*q).vx);
            let y = (*q).y.wrapping_add((*q).vy);
            let z = (*q).z.wrapping_add((*q).vz);
            (*q).x = x;
            (*q).y = y;
            (*q).z = z;
            (*q).vy = (*q).vy.wrapping_sub((*q).mass);
            (*q).hits = (*q).hits + (y >> 31);
            check = check.wrapping_add(x ^ y ^ z);
        }
        i += 1;
    }
    check
}
