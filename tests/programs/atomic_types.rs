// core::sync::atomic's types with Rust's method names, on memory 0, a defined
// far memory (1), a 64-bit far memory (3) and an imported shared far memory
// (4): `AtomicU32::from_ptr` on a far pointer gives a far reference
// (`#[mem_idx(M)] &AtomicU32`) whose methods access memory M. Every ordering
// is SeqCst in wasm. Expected values: Rust's (the same program with
// std::sync::atomic, by hand: 10 + 5 -> 15, max 100, 250 + 10 wraps to 4, ...).
// CALL: run0() -> 373
// CALL: run1() -> 373
// CALL: run3() -> 373
// CALL: run4() -> 373
// ORACLE: skip far references
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, shared, min = 1, max = 1, import = "env.shared")]

use core::sync::atomic::{AtomicI64, AtomicU32, AtomicU8, Ordering};

static mut NEAR: [u32; 16] = [0u32; 16];

unsafe fn run<const M: usize>(base: #[mem_idx(M)] *mut u32) -> u32 {
    let c: #[mem_idx(M)] &AtomicU32 = AtomicU32::from_ptr(base.add(4));
    c.store(10, Ordering::Relaxed);
    c.fetch_add(5, Ordering::SeqCst);
    let m = c.fetch_max(100, Ordering::AcqRel);
    let b = AtomicU8::from_ptr(base.add(10).cast::<u8>());
    b.store(250, Ordering::Release);
    let wrapped = b.fetch_add(10, Ordering::SeqCst);
    let near = AtomicI64::new(-3);
    let s = near.swap(7, Ordering::SeqCst);
    m + c.load(Ordering::Acquire) + wrapped as u32 + b.load(Ordering::SeqCst) as u32
        + (s + near.load(Ordering::SeqCst)) as u32
}

#[no_mangle] pub extern "C" fn run0() -> u32 { unsafe { run::<0>((&raw mut NEAR).cast::<u32>()) } }
#[no_mangle] pub extern "C" fn run1() -> u32 { unsafe { run::<1>(64usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn run3() -> u32 { unsafe { run::<3>(64u64 as #[mem_idx(3)] *mut u32) } }
#[no_mangle] pub extern "C" fn run4() -> u32 { unsafe { run::<4>(64usize as #[mem_idx(4)] *mut u32) } }
