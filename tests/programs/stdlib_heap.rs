// core::far::Heap<M>: an allocator in a far memory that can free (a free list
// per power-of-two size class over an Arena<M>): freed blocks are handed out
// again, to requests of their class only; blocks are aligned, never overlap,
// never start at address 0 (even in a memory with no page at first); a full
// memory gives null, and freeing makes room again; churn does not grow the
// memory. Arena::try_alloc gives None when its memory is full.
// CALL: reuse() -> 15
// CALL: classes_apart() -> 7
// CALL: aligned() -> 15
// CALL: no_overlap(40) -> 1
// CALL: empty_memory() -> 3
// CALL: full_then_freed() -> 7
// CALL: churn(50) -> 3
// CALL: arena_try_alloc() -> 3
// TRAP: bad_align()
// ORACLE: skip memory_grow and far memories have no native meaning
#![memory(1, min = 1, max = 16)]
#![memory(2, min = 0, max = 2)]
#![memory(3, min = 1, max = 1)]

use core::arch::wasm32::memory_size;
use core::far::{Arena, Heap};

#[mem_idx(1)]
static FAR: [u32; 4] = [1, 2, 3, 4];

fn bit(condition: bool, n: u32) -> u32 {
    (condition as u32) << n
}

#[no_mangle]
pub extern "C" fn reuse() -> u32 {
    let mut heap = Heap::<1>::new();
    let a = heap.alloc(12, 4);
    let b = heap.alloc(16, 4);
    unsafe {
        heap.dealloc(a, 12, 4);
        heap.dealloc(b, 16, 4);
    }
    let c = heap.alloc(10, 1); // the same class (16 bytes): the last freed first
    let d = heap.alloc(16, 8);
    let e = heap.alloc(16, 8); // the list is empty: a new block
    bit(c as usize == b as usize, 0) | bit(d as usize == a as usize, 1) | bit(e as usize != a as usize && e as usize != b as usize, 2)
        | bit(!a.is_null() && !e.is_null(), 3)
}

#[no_mangle]
pub extern "C" fn classes_apart() -> u32 {
    let mut heap = Heap::<1>::new();
    let small = heap.alloc(16, 1);
    unsafe { heap.dealloc(small, 16, 1) };
    let big = heap.alloc(64, 1); // a 64-byte class: not the freed 16-byte block
    let again = heap.alloc(3, 1); // a 16-byte class: the freed block
    bit(big as usize != small as usize, 0) | bit(again as usize == small as usize, 1)
        | bit(big as usize + 64 <= small as usize || small as usize + 16 <= big as usize, 2)
}

#[no_mangle]
pub extern "C" fn aligned() -> u32 {
    let mut heap = Heap::<1>::new();
    let _one = heap.alloc(1, 1);
    let a = heap.alloc(1, 256);
    let b = heap.alloc(24, 8);
    let c = heap.alloc(5000, 4);
    let d = heap.alloc(3, 4096);
    bit(a as usize % 256 == 0, 0) | bit(b as usize % 32 == 0, 1) | bit(c as usize % 8192 == 0, 2) | bit(d as usize % 4096 == 0, 3)
}

#[no_mangle]
pub extern "C" fn no_overlap(n: u32) -> u32 {
    let mut heap = Heap::<1>::new();
    let mut blocks: [#[mem_idx(1)] *mut u8; 64] = [core::ptr::null_mut(); 64];
    let mut sizes = [0usize; 64];
    let mut i = 0;
    while i < n as usize {
        sizes[i] = 1 + (i * 37) % 200;
        blocks[i] = heap.alloc(sizes[i], 1);
        if i % 3 == 0 && i > 0 {
            unsafe { heap.dealloc(blocks[i - 1], sizes[i - 1], 1) };
            blocks[i - 1] = heap.alloc(sizes[i - 1], 1);
        }
        i += 1;
    }
    // fill every block with its index, then check that every block still holds it
    i = 0;
    while i < n as usize {
        unsafe { core::far::fill_bytes(blocks[i], i as u8, sizes[i]) };
        i += 1;
    }
    i = 0;
    let mut ok = 1;
    while i < n as usize {
        let mut k = 0;
        while k < sizes[i] {
            if unsafe { *blocks[i].add(k) } != i as u8 {
                ok = 0;
            }
            k += 1;
        }
        i += 1;
    }
    ok * bit(unsafe { FAR[3] } == 4, 0)
}

#[no_mangle]
pub extern "C" fn empty_memory() -> u32 {
    let before = memory_size::<2>();
    let mut heap = Heap::<2>::new();
    let p = heap.alloc_value(77u32).unwrap();
    bit(before == 0 && !p.is_null(), 0) | bit(unsafe { *p } == 77 && memory_size::<2>() == 1, 1)
}

#[no_mangle]
pub extern "C" fn full_then_freed() -> u32 {
    // memory 3 has one page and cannot grow: the heap starts at its end
    let mut heap = Heap::<3>::new();
    let none = heap.alloc(16, 1);
    let value: Option<#[mem_idx(3)] *mut u64> = heap.alloc_value(5u64);
    // a heap over memory 2 (two pages at most, one used by empty_memory): a 32 KiB block
    // fits in the second page, a 64 KiB one does not
    let mut two = Heap::<2>::new();
    let first = two.alloc(32768, 8);
    let second = two.alloc(40000, 8);
    unsafe { two.dealloc(first, 32768, 8) };
    let third = two.alloc(20000, 8);
    bit(none.is_null() && value.is_none(), 0) | bit(!first.is_null() && second.is_null(), 1)
        | bit(third as usize == first as usize, 2)
}

#[repr(C)]
struct Node {
    value: u32,
    next: #[mem_idx(1)] *mut Node,
}

#[no_mangle]
pub extern "C" fn churn(n: u32) -> u32 {
    let mut heap = Heap::<1>::new();
    let mut round = 0;
    let mut sums = 0;
    let mut pages_after_first = 0;
    while round < 20 {
        let mut head: #[mem_idx(1)] *mut Node = core::ptr::null_mut();
        let mut i = 0;
        while i < n {
            head = heap.alloc_value(Node { value: i, next: head }).unwrap();
            i += 1;
        }
        let mut total = 0;
        while !head.is_null() {
            unsafe {
                total += (*head).value;
                let next = (*head).next;
                heap.dealloc_value(head);
                head = next;
            }
        }
        if total == n * (n - 1) / 2 {
            sums += 1;
        }
        if round == 0 {
            pages_after_first = memory_size::<1>();
        }
        round += 1;
    }
    bit(sums == 20, 0) | bit(memory_size::<1>() == pages_after_first, 1)
}

#[no_mangle]
pub extern "C" fn arena_try_alloc() -> u32 {
    let mut arena = Arena::<3>::new(); // memory 3 cannot grow
    let none = arena.try_alloc(1u8);
    let mut region = Arena::<1>::in_region(64 as #[mem_idx(1)] *mut u8, 8);
    let first = region.try_alloc(3u64);
    let second = region.try_alloc(4u64);
    bit(none.is_none(), 0) | bit(first.is_some() && second.is_none() && unsafe { *first.unwrap() } == 3, 1)
}

#[no_mangle]
pub extern "C" fn bad_align() -> u32 {
    let mut heap = Heap::<1>::new();
    heap.alloc(8, 3).is_null() as u32
}
