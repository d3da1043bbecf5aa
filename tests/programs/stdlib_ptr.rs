// core::ptr's read, write, replace, swap, swap_nonoverlapping and eq, and
// core::mem's swap and replace, as Rust has them (no `Copy` bound), on
// pointers and references into memory 0 and far statics in memories 1 and
// 2: each reads and writes the memory of its pointer, values cross memories
// only by copy. Valid Rust once the memory attributes are erased, so the
// oracle compares every result with rustc's.
// CALL: reads_writes(7) -> 3007071
// CALL: swaps(3) -> 41304
// CALL: many(5) -> 5678
// CALL: same_address(1) -> 101
// CALL: mem_functions(9) -> 29631
#![memory(1, min = 1)]
#![memory(2, min = 1)]

use core::mem;
use core::ptr;

// not Copy: Rust's functions take any T
struct Pair {
    a: u32,
    b: u64,
}

#[mem_idx(1)]
static mut ONE: Pair = Pair { a: 1, b: 2 };
#[mem_idx(2)]
static mut TWO: Pair = Pair { a: 30, b: 40 };
#[mem_idx(1)]
static mut ROW: [u32; 4] = [1, 2, 3, 4];
#[mem_idx(2)]
static mut COL: [u32; 4] = [5, 6, 7, 8];

#[no_mangle]
pub extern "C" fn reads_writes(x: u32) -> u32 {
    unsafe {
        ptr::write(&raw mut ONE, Pair { a: x, b: 70 });
        let copy = ptr::read(&raw const ONE);
        let old = ptr::replace(&raw mut TWO, Pair { a: 0, b: 0 });
        let near = Pair { a: 1, b: 0 };
        let from_near = ptr::read(&raw const near);
        old.a * 100000 + copy.a * 1000 + copy.b as u32 + from_near.a + TWO.a
    }
}

#[no_mangle]
pub extern "C" fn swaps(x: u32) -> u32 {
    unsafe {
        ONE = Pair { a: x, b: 2 };
        TWO = Pair { a: 4, b: 1 };
        ptr::swap(&raw mut ONE, &raw mut TWO); // memory 1 <-> memory 2
        let mut near = Pair { a: 0, b: 0 };
        ptr::swap(&raw mut near, &raw mut ONE); // memory 0 <-> memory 1: ONE back to 0
        ptr::swap(&raw mut TWO, &raw mut TWO); // the same place: no change
        near.a * 10000 + near.b as u32 * 1000 + TWO.a * 100 + ONE.a * 10 + TWO.b as u32 * 2
    }
}

#[no_mangle]
pub extern "C" fn many(x: u32) -> u32 {
    unsafe {
        ROW = [x, x + 1, x + 2, x + 3];
        COL = [0; 4];
        ptr::swap_nonoverlapping((&raw mut ROW).cast::<u32>(), (&raw mut COL).cast::<u32>(), 4);
        COL[0] * 1000 + COL[1] * 100 + COL[2] * 10 + COL[3] + ROW[0] + ROW[3]
    }
}

#[no_mangle]
pub extern "C" fn same_address(i: u32) -> u32 {
    let a = [1u32, 2];
    let p = &raw const a[i as usize];
    let q = &raw const a[1];
    let r = &raw const a[0];
    unsafe {
        let far = &raw const ROW;
        (ptr::eq(p, q) as u32) * 100 + ptr::eq(far, &raw const ROW) as u32 + ptr::eq(p, r) as u32 * 10
    }
}

#[no_mangle]
pub extern "C" fn mem_functions(x: u32) -> u32 {
    let mut near = Pair { a: x, b: 6 };
    unsafe {
        ONE = Pair { a: 2, b: 0 };
        mem::swap(&mut near, &mut ONE); // memory 0 <-> memory 1
        let old = mem::replace(&mut TWO, Pair { a: 0, b: 0 }); // in memory 2
        let mut local = 5u32;
        let five = mem::replace(&mut local, 9);
        near.a * 10000 + ONE.a * 1000 + ONE.b as u32 * 100 + old.a * 10 + (five == 5 && local == 9 && TWO.a == 0) as u32
    }
}
