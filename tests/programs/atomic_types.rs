// core::sync::atomic's types with Rust's method names, on memory 0, a defined
// far memory (1), a 64-bit far memory (3) and an imported shared far memory
// (4): `AtomicU32::from_ptr` on a far pointer gives a far reference
// (`#[mem_idx(M)] &AtomicU32`) whose methods access memory M. Every ordering
// is SeqCst in wasm. Expected values: Rust's (the same program with
// std::sync::atomic, by hand: 10 + 5 -> 15, max 100, 250 + 10 wraps to 4, ...).
// `exchange`: compare_exchange (strong, weak) returning Rust's Result, AtomicBool
// (its byte stays 0 or 1 through fetch_nand), AtomicPtr (a memory-0 pointer
// kept in memory M), into_inner; by hand: checks 711414, bits 1373, byte 1,
// pointers 434430, ((711414 * 31 + 1373 * 7 + 1) * 31 + 434430) mod 2^32 + 3.
// CALL: run0() -> 373
// CALL: run1() -> 373
// CALL: run3() -> 373
// CALL: run4() -> 373
// CALL: exchange0() -> 684401259
// CALL: exchange1() -> 684401259
// CALL: exchange3() -> 684401259
// CALL: exchange4() -> 684401259
// ORACLE: skip far references
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, shared, min = 1, max = 1, import = "env.shared")]

use core::sync::atomic::{AtomicBool, AtomicI16, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicU8, Ordering};

static mut NEAR: [u64; 8] = [0u64; 8];

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

static mut X: u32 = 30;
static mut Y: u32 = 40;

/// Rust's `compare_exchange`: `Ok(previous)` when it stored `new`, `Err(found)` when not
fn outcome(r: Result<u32, u32>) -> u32 {
    match r {
        Ok(v) => v,
        Err(v) => 1000 + v,
    }
}

fn failed(r: Result<bool, bool>) -> bool {
    match r {
        Ok(_) => false,
        Err(_) => true,
    }
}

fn bit(acc: u32, b: bool) -> u32 {
    acc * 2 + b as u32
}

/// compare_exchange (strong and weak), AtomicBool (kept 0 or 1 in its byte), AtomicPtr (a
/// pointer into memory 0 kept in memory M), into_inner
unsafe fn exchange<const M: usize>(base: #[mem_idx(M)] *mut u32) -> u32 {
    let c = AtomicU32::from_ptr(base.add(8));
    c.store(5, Ordering::Relaxed);
    let a = outcome(c.compare_exchange(5, 7, Ordering::AcqRel, Ordering::Acquire));
    let b = outcome(c.compare_exchange(5, 9, Ordering::SeqCst, Ordering::Relaxed));
    let w = outcome(c.compare_exchange_weak(7, 11, Ordering::Release, Ordering::Relaxed));
    let wide = AtomicU64::from_ptr(base.add(4).cast::<u64>());
    wide.store(1u64 << 40, Ordering::SeqCst);
    let big = match wide.compare_exchange(1u64 << 40, 3, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(v) => (v >> 40) as u32 + wide.load(Ordering::SeqCst) as u32 * 10,
        Err(_) => 0,
    };
    let h = AtomicI16::from_ptr(base.add(9).cast::<i16>());
    h.store(-2, Ordering::Relaxed);
    let hs = match h.compare_exchange_weak(-2, -300, Ordering::SeqCst, Ordering::Relaxed) {
        Ok(v) => (v + 10) as u32,
        Err(v) => 100 + v as u32,
    };
    let hmin = h.fetch_min(-400, Ordering::SeqCst);
    let f = AtomicBool::from_ptr(base.add(12).cast::<bool>());
    f.store(false, Ordering::Relaxed);
    let mut bits = bit(1, f.fetch_or(true, Ordering::SeqCst));
    bits = bit(bits, f.fetch_nand(true, Ordering::SeqCst));
    bits = bit(bits, f.fetch_nand(false, Ordering::SeqCst));
    bits = bit(bits, f.fetch_xor(true, Ordering::SeqCst));
    bits = bit(bits, f.fetch_not(Ordering::SeqCst));
    bits = bit(bits, failed(f.compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)));
    bits = bit(bits, f.load(Ordering::Relaxed));
    bits = bit(bits, f.swap(false, Ordering::SeqCst));
    bits = bit(bits, f.fetch_and(true, Ordering::SeqCst));
    bits = bit(bits, AtomicBool::new(true).into_inner());
    f.fetch_or(true, Ordering::SeqCst);
    let byte = *base.add(12).cast::<u8>() as u32;
    let slot = AtomicPtr::from_ptr(base.add(14).cast::<*mut u32>());
    slot.store(&raw mut X, Ordering::Relaxed);
    let old = slot.swap(&raw mut Y, Ordering::SeqCst);
    let missed = match slot.compare_exchange(&raw mut X, null_mut(), Ordering::SeqCst, Ordering::SeqCst) {
        Ok(_) => 0,
        Err(p) => *p,
    };
    let hit = match slot.compare_exchange_weak(&raw mut Y, &raw mut X, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(p) => *p,
        Err(_) => 0,
    };
    let pointers = *old + missed * 10 + hit * 100 + *slot.load(Ordering::Acquire) * 1000
        + *AtomicPtr::new(&raw mut Y).into_inner() * 10000;
    let checks = a + b * 10 + w * 100000 + big + hs + (hmin + 1000) as u32 + (h.load(Ordering::SeqCst) + 1000) as u32;
    checks.wrapping_mul(31).wrapping_add(bits * 7 + byte).wrapping_mul(31).wrapping_add(pointers)
        + AtomicU32::new(3).into_inner()
}

#[no_mangle] pub extern "C" fn exchange0() -> u32 { unsafe { exchange::<0>((&raw mut NEAR).cast::<u32>()) } }
#[no_mangle] pub extern "C" fn exchange1() -> u32 { unsafe { exchange::<1>(64usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn exchange3() -> u32 { unsafe { exchange::<3>(64u64 as #[mem_idx(3)] *mut u32) } }
#[no_mangle] pub extern "C" fn exchange4() -> u32 { unsafe { exchange::<4>(64usize as #[mem_idx(4)] *mut u32) } }
