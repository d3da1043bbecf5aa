// core::far::Arena<M>: a bump allocator in a far memory that grows it with
// memory_grow; pointers are aligned, never overlap each other, a far static or
// another arena's pages; a fixed region never grows; a full memory gives null
// (alloc_raw) or aborts (alloc).
// CALL: basic() -> 63
// CALL: static_untouched() -> 36
// CALL: two_arenas() -> 15
// CALL: in_region() -> 31
// CALL: many_pages() -> 7
// CALL: full_gives_null() -> 3
// TRAP: full_aborts()
// ORACLE: skip memory_grow and far memories have no native meaning
#![memory(1, min = 1, max = 16)]
#![memory(2, min = 1, max = 2)]

use core::arch::wasm32::memory_size;
use core::far::{Arena, PAGE_SIZE};

#[mem_idx(1)]
static FAR: [u32; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

#[mem_idx(1)]
static mut REGION: [u32; 4] = [0; 4];

fn bit(condition: bool, n: u32) -> u32 {
    (condition as u32) << n
}

#[no_mangle]
pub extern "C" fn basic() -> u32 {
    let pages = memory_size::<1>();
    let mut arena = Arena::<1>::new();
    let byte = arena.alloc(1u8);
    let word = arena.alloc(0x0102030405060708u64);
    let small = arena.alloc(7u32);
    unsafe {
        bit(byte as usize == pages * PAGE_SIZE, 0)
            | bit(word as usize % 8 == 0 && word as usize > byte as usize, 1)
            | bit(small as usize == word as usize + 8, 2)
            | bit(*byte == 1 && *word == 0x0102030405060708 && *small == 7, 3)
            | bit(memory_size::<1>() == pages + 1, 4)
            | bit(arena.used() == 20 && arena.remaining() == PAGE_SIZE - 20, 5)
    }
}

#[no_mangle]
pub extern "C" fn static_untouched() -> u32 {
    let mut arena = Arena::<1>::new();
    let block = arena.alloc_array(0xFFu8, 1000);
    let mut total = 0u32;
    let mut i = 0usize;
    while i < 8 {
        total += unsafe { FAR[i] };
        i += 1;
    }
    // every byte of the block holds 0xFF
    let mut j = 0usize;
    while j < 1000 {
        if unsafe { *block.add(j) } != 0xFF {
            return 0;
        }
        j += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn two_arenas() -> u32 {
    // a and b take turns growing memory 1: a's third block does not fit its
    // first page, and the page after it is b's, so a starts a new chunk
    let mut a = Arena::<1>::new();
    let mut b = Arena::<1>::new();
    let a1 = a.alloc_array(1u8, 60000);
    let b1 = b.alloc_array(2u8, 60000);
    let a2 = a.alloc_array(3u8, 10000);
    let b2 = b.alloc_array(4u8, 10000);
    let blocks = [a1 as usize, b1 as usize, a2 as usize, b2 as usize];
    let sizes = [60000usize, 60000, 10000, 10000];
    let mut disjoint = true;
    let mut i = 0usize;
    while i < 4 {
        let mut j = 0usize;
        while j < 4 {
            if i != j && blocks[i] < blocks[j] + sizes[j] && blocks[j] < blocks[i] + sizes[i] {
                disjoint = false;
            }
            j += 1;
        }
        i += 1;
    }
    unsafe {
        bit(disjoint, 0)
            | bit(*a1 == 1 && *a1.add(59999) == 1 && *b1 == 2 && *b1.add(59999) == 2, 1)
            | bit(*a2 == 3 && *a2.add(9999) == 3 && *b2 == 4 && *b2.add(9999) == 4, 2)
            | bit(a.used() == 10000, 3)
    }
}

#[no_mangle]
pub extern "C" fn in_region() -> u32 {
    let start = (&raw mut REGION).cast::<u8>();
    let pages = memory_size::<1>();
    let mut arena = Arena::in_region(start, 16);
    let first = arena.alloc_raw(8, 4);
    let second = arena.alloc_raw(6, 2);
    let third = arena.alloc_raw(4, 4);
    let last = arena.alloc_raw(2, 1);
    arena.reset();
    let again = arena.alloc_raw(1, 1);
    bit(first == start && second as usize == start as usize + 8, 0)
        | bit(third.is_null(), 1)
        | bit(last as usize == start as usize + 14 && arena.remaining() == 15, 2)
        | bit(again == start, 3)
        | bit(memory_size::<1>() == pages, 4)
}

#[no_mangle]
pub extern "C" fn many_pages() -> u32 {
    let pages = memory_size::<1>();
    let mut arena = Arena::<1>::new();
    let big = arena.alloc_raw(200000, 8);
    unsafe {
        *big.add(199999) = 5;
        bit(memory_size::<1>() == pages + 4, 0) | bit(*big.add(199999) == 5, 1) | bit(!big.is_null(), 2)
    }
}

#[no_mangle]
pub extern "C" fn full_gives_null() -> u32 {
    // memory 2 has one page and may grow to two
    let mut arena = Arena::<2>::new();
    let page = arena.alloc_raw(PAGE_SIZE, 1);
    let more = arena.alloc_raw(1, 1);
    bit(page as usize == PAGE_SIZE, 0) | bit(more.is_null(), 1)
}

#[no_mangle]
pub extern "C" fn full_aborts() -> u32 {
    // (the second page, if full_gives_null did not take it, then one byte too many)
    let mut arena = Arena::<2>::new();
    arena.alloc_array(0u8, PAGE_SIZE);
    let p = arena.alloc(1u32);
    unsafe { *p }
}
