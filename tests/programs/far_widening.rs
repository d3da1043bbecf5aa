// Loops that widen narrow far data (u8 -> u32, u16 -> u64, i8 -> i32): the
// vectorizer loads short vectors from memory 1 and extends them.
// CALL: fill(7) -> 0
// CALL: sum_bytes(200) -> 25757
// CALL: sum_halves(200) -> 25757
// CALL: sum_signed(200) -> -99
#![memory(1, min = 1)]

#[mem_idx(1)]
static mut BYTES: [u8; 256] = [0; 256];
#[mem_idx(1)]
static mut HALVES: [u16; 256] = [0; 256];

#[no_mangle]
pub extern "C" fn fill(seed: u32) -> u32 {
    let mut i = 0usize;
    let mut x = seed;
    while i < 256 {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        unsafe {
            (*(&raw mut BYTES))[i] = (x >> 16) as u8;
            (*(&raw mut HALVES))[i] = (x >> 16) as u8 as u16;
        }
        i += 1;
    }
    0
}

#[no_mangle]
pub extern "C" fn sum_bytes(n: usize) -> u32 {
    let p = unsafe { (&raw const BYTES).cast::<u8>() };
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total += unsafe { *p.add(i) } as u32;
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn sum_halves(n: usize) -> u64 {
    let p = unsafe { (&raw const HALVES).cast::<u16>() };
    let mut total = 0u64;
    let mut i = 0usize;
    while i < n {
        total += unsafe { *p.add(i) } as u64;
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn sum_signed(n: usize) -> i32 {
    let p = unsafe { (&raw const BYTES).cast::<i8>() };
    let mut total = 0i32;
    let mut i = 0usize;
    while i < n {
        total += unsafe { *p.add(i) } as i32;
        i += 1;
    }
    total
}
