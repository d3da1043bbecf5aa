// Far slices: `#[mem_idx(M)] &[T]` into a far memory (memory 1) and a 64-bit
// far memory (memory 2): made from far arrays, sub-sliced, iterated, written
// through, measured, turned into far pointers (`as_ptr`) and back
// (`from_raw_parts`), and passed to functions generic over the memory
// (each with a const parameter name of its own: the oracle erases them).
// CALL: setup() -> 0
// CALL: far_total() -> 36
// CALL: wide_total() -> 100
// CALL: sub_slices(2, 5) -> 9
// CALL: write_far(3) -> 47
// CALL: write_wide(1) -> 1000106
// CALL: generic_over_memory() -> 132002
// CALL: pointers_round_trip(1) -> 27
// CALL: reversed_far() -> 97654961
// CALL: by_ref_items() -> 26
#![memory(1, min = 1)]
#![memory(2, memory64, min = 1)]

#[mem_idx(1)]
static mut FAR: [u32; 8] = [0; 8];
#[mem_idx(2)]
static mut WIDE: [u64; 4] = [0; 4];

#[no_mangle]
pub extern "C" fn setup() -> u32 {
    unsafe {
        let mut i = 0;
        while i < 8 {
            FAR[i] = i as u32 + 1;
            i += 1;
        }
        WIDE = [10, 20, 30, 40];
    }
    0
}

fn sum<const M: usize>(s: #[mem_idx(M)] &[u32]) -> u32 {
    let mut t = 0;
    for x in s {
        t += *x;
    }
    t
}

fn sum64<const W: usize>(s: #[mem_idx(W)] &[u64]) -> u64 {
    let mut t = 0;
    for x in s.iter() {
        t += *x;
    }
    t
}

#[no_mangle]
pub extern "C" fn far_total() -> u32 {
    unsafe { sum(&FAR) }
}

#[no_mangle]
pub extern "C" fn wide_total() -> u64 {
    unsafe { sum64(&WIDE[..]) }
}

#[no_mangle]
pub extern "C" fn sub_slices(i: usize, j: usize) -> u32 {
    unsafe {
        let s: #[mem_idx(1)] &[u32] = &FAR[i..j];
        let t = &s[1..];
        sum(&t[..=0]) + t.len() as u32 + s[0]
    }
}

fn scale<const S: usize>(s: #[mem_idx(S)] &mut [u32], by: u32) {
    for x in s.iter_mut() {
        *x *= by;
    }
}

#[no_mangle]
pub extern "C" fn write_far(by: u32) -> u32 {
    unsafe {
        scale(&mut FAR[1..3], by);
        let s: #[mem_idx(1)] &mut [u32] = &mut FAR;
        s[7] += 1;
        let r = sum(&FAR);
        scale(&mut FAR[1..3], 1);
        r
    }
}

#[no_mangle]
pub extern "C" fn write_wide(k: usize) -> u64 {
    unsafe {
        let s: #[mem_idx(2)] &mut [u64] = &mut WIDE;
        s[k] += 1000000;
        for x in &mut s[2..] {
            *x += 1;
        }
        sum64(s) + s.len() as u64
    }
}

#[no_mangle]
pub extern "C" fn generic_over_memory() -> u32 {
    let near = [100u32, 20, 16];
    unsafe { sum(&near) * 1000 + sum(&FAR[..]) - 4 * 1000 - 45 }
}

#[no_mangle]
pub extern "C" fn pointers_round_trip(k: usize) -> u32 {
    unsafe {
        let s: #[mem_idx(1)] &[u32] = &FAR[2..];
        let p: #[mem_idx(1)] *const u32 = s.as_ptr();
        let again: #[mem_idx(1)] &[u32] = core::slice::from_raw_parts(p.add(k), 3);
        let w: #[mem_idx(2)] *mut u64 = WIDE.as_mut_ptr();
        let wide = core::slice::from_raw_parts_mut(w, 2);
        wide[0] = 7;
        sum(again) + WIDE[0] as u32 - 7 + 14 - 2
    }
}

#[no_mangle]
pub extern "C" fn reversed_far() -> u32 {
    let mut t = 0;
    unsafe {
        for x in FAR.iter().rev() {
            t = t * 10 + *x;
        }
    }
    t
}

#[no_mangle]
pub extern "C" fn by_ref_items() -> u32 {
    let mut t = 0;
    unsafe {
        for x in &FAR[..3] {
            let r: #[mem_idx(1)] &u32 = x;
            t += *r;
        }
        for &x in FAR[5..].iter() {
            t += x - 6;
        }
    }
    t + 6
}
