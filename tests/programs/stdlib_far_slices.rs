// core::far's slice helpers between memories: copy_from_slice and
// swap_with_slice (lengths must match: a mismatch traps, where Rust panics),
// fill_slice, slices_equal and compare_byte_slices (Rust's `==` and `cmp` on
// slices), on slices of near arrays, far statics and their subranges, in
// every direction between memories 0, 1 and 2; nothing outside a subrange
// changes.
// CALL: copies(5) -> 1234
// CALL: swaps() -> 63
// CALL: fills(7) -> 7
// CALL: equality() -> 31
// CALL: ordering() -> 127
// TRAP: copy_mismatch()
// ORACLE: skip core::far is farc's
#![memory(1, min = 1)]
#![memory(2, min = 1)]

use core::far::{compare_byte_slices, copy_from_slice, fill_slice, slices_equal, swap_with_slice};

#[mem_idx(1)]
static mut ONE: [u32; 6] = [10, 20, 30, 40, 50, 60];
#[mem_idx(2)]
static mut TWO: [u32; 6] = [0; 6];
#[mem_idx(1)]
static mut BYTES_ONE: [u8; 5] = [1, 2, 3, 200, 5];
#[mem_idx(2)]
static mut BYTES_TWO: [u8; 5] = [1, 2, 3, 100, 5];

fn bit(condition: bool, n: u32) -> u32 {
    (condition as u32) << n
}

#[no_mangle]
pub extern "C" fn copies(x: u32) -> u32 {
    unsafe {
        copy_from_slice(&mut TWO, &ONE); // memory 1 -> memory 2
        let mut near = [x; 3];
        copy_from_slice(&mut ONE[1..4], &near); // memory 0 -> a subrange of memory 1
        copy_from_slice(&mut near, &TWO[3..6]); // memory 2 -> memory 0
        // ONE = 10 5 5 5 50 60, TWO = 10 20 30 40 50 60, near = 40 50 60
        let digits = (ONE[0] == 10 && ONE[1] == x && ONE[3] == x && ONE[4] == 50) as u32 * 1000
            + (TWO[5] == 60 && TWO[1] == 20) as u32 * 200
            + (near[0] == 40 && near[2] == 60) as u32 * 30;
        copy_from_slice(&mut ONE[0..2], &ONE[1..3]); // within memory 1, overlapping: as memmove
        digits + (ONE[0] == x && ONE[1] == x && ONE[2] == x) as u32 * 4
    }
}

#[no_mangle]
pub extern "C" fn swaps() -> u32 {
    unsafe {
        ONE = [1, 2, 3, 4, 5, 6];
        TWO = [7, 8, 9, 10, 11, 12];
        swap_with_slice(&mut ONE[0..2], &mut TWO[4..6]);
        let mut near = [100u32, 200];
        swap_with_slice(&mut near, &mut ONE[4..6]);
        bit(ONE[0] == 11 && ONE[1] == 12, 0) | bit(TWO[4] == 1 && TWO[5] == 2, 1) | bit(ONE[2] == 3 && TWO[3] == 10, 2)
            | bit(near[0] == 5 && near[1] == 6, 3) | bit(ONE[4] == 100 && ONE[5] == 200, 4) | bit(TWO[0] == 7, 5)
    }
}

#[no_mangle]
pub extern "C" fn fills(v: u32) -> u32 {
    unsafe {
        fill_slice(&mut TWO[1..5], v);
        let mut near = [0u8; 4];
        fill_slice(&mut near[..], 9);
        TWO[1] * (TWO[4] == v && TWO[0] == 7 && TWO[5] == 2 && near[3] == 9) as u32
    }
}

#[no_mangle]
pub extern "C" fn equality() -> u32 {
    unsafe {
        ONE = [1, 2, 3, 4, 5, 6];
        TWO = [0, 1, 2, 3, 0, 0];
        let near = [2u32, 3];
        bit(slices_equal(&ONE[0..3], &TWO[1..4]), 0) | bit(!slices_equal(&ONE[0..3], &TWO[1..3]), 1)
            | bit(slices_equal(&near, &ONE[1..3]), 2) | bit(!slices_equal(&ONE[..], &TWO[..]), 3)
            | bit(slices_equal(&ONE[2..2], &TWO[5..5]), 4)
    }
}

#[no_mangle]
pub extern "C" fn ordering() -> u32 {
    unsafe {
        let near = [1u8, 2, 3];
        bit(compare_byte_slices(&BYTES_ONE, &BYTES_TWO) == 1, 0) // 200 > 100, unsigned
            | bit(compare_byte_slices(&BYTES_TWO, &BYTES_ONE) == -1, 1)
            | bit(compare_byte_slices(&near, &BYTES_ONE) == -1, 2) // a prefix is smaller
            | bit(compare_byte_slices(&BYTES_TWO[0..3], &near) == 0, 3)
            | bit(compare_byte_slices(&BYTES_ONE[..4], &near) == 1, 4)
            | bit(compare_byte_slices(&BYTES_ONE[0..0], &near[0..0]) == 0, 5)
            | bit(compare_byte_slices(&BYTES_ONE[4..], &BYTES_TWO[3..4]) == -1, 6) // 5 < 100
    }
}

#[no_mangle]
pub extern "C" fn copy_mismatch() -> u32 {
    unsafe {
        copy_from_slice(&mut TWO[0..3], &ONE[0..2]);
        TWO[0]
    }
}
