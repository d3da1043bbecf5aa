// Every atomic access kind on memory 0, a defined far memory (1), a 64-bit far
// memory (3) and an imported shared far memory (4), through one function
// generic over the memory. Expected values are Rust's (the checksum model in
// tests/test_atomics.py computes them independently of farc).
// CALL: rmw0() -> 1151816351
// CALL: rmw1() -> 1151816351
// CALL: rmw3() -> 1151816351
// CALL: rmw4() -> 1151816351
// CALL: narrow0() -> 2207613257191
// CALL: narrow1() -> 2207613257191
// CALL: narrow3() -> 2207613257191
// CALL: narrow4() -> 2207613257191
// CALL: wait_far() -> 1220
// ORACLE: skip atomic intrinsics, wait and notify are wasm (and nightly Rust) only
// READ: 1 64 02000000
// READ: 3 64 02000000
// READ: 4 64 02000000
// READ: 1 80 0500000000000000
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, shared, min = 1, max = 1, import = "env.shared")]

static mut CELLS: [u64; 4] = [0u64; 4];

fn mix(acc: u32, x: u32) -> u32 {
    acc.wrapping_mul(31).wrapping_add(x)
}

/// Every read-modify-write on one cell of memory M; a checksum of the values seen.
unsafe fn rmw<const M: usize>(p: #[mem_idx(M)] *mut u32) -> u32 {
    atomic_store_seqcst(p, 100);
    let mut acc = atomic_xadd_seqcst(p, 5);
    acc = mix(acc, atomic_xsub_seqcst(p, 1));
    acc = mix(acc, atomic_and_seqcst(p, 0xfe));
    acc = mix(acc, atomic_or_seqcst(p, 0x300));
    acc = mix(acc, atomic_xor_seqcst(p, 0xff));
    acc = mix(acc, atomic_xchg_seqcst(p, 7));
    acc = mix(acc, atomic_nand_seqcst(p, 3));
    acc = mix(acc, atomic_umin_seqcst(p, 9));
    acc = mix(acc, atomic_umax_seqcst(p, 4));
    acc = mix(acc, atomic_max_seqcst(p.cast::<i32>(), -1) as u32);
    acc = mix(acc, atomic_min_seqcst(p.cast::<i32>(), -1) as u32);
    let (found, ok) = atomic_cxchg_seqcst_seqcst(p, 1, 2);
    acc = mix(mix(acc, found), ok as u32);
    let (found, ok) = atomic_cxchgweak_seqcst_seqcst(p, 0xffffffff, 2);
    acc = mix(mix(acc, found), ok as u32);
    mix(acc, atomic_load_seqcst(p))
}

/// 8-, 16- and 64-bit atomics (narrow ones wrap at their width).
unsafe fn narrow<const M: usize>(b: #[mem_idx(M)] *mut u8, h: #[mem_idx(M)] *mut u16,
                                 w: #[mem_idx(M)] *mut u64) -> u64 {
    atomic_store_seqcst(b, 250u8);
    let b1 = atomic_xadd_seqcst(b, 10u8);
    let (f, ok) = atomic_cxchg_seqcst_seqcst(b, 4u8, 200u8);
    let bmax = atomic_umax_seqcst(b, 100u8);
    let bs = atomic_max_seqcst(b.cast::<i8>(), 1i8);
    atomic_store_seqcst(h, 65535u16);
    let h1 = atomic_xadd_seqcst(h, 2u16);
    atomic_store_seqcst(w, 1u64 << 40);
    let w1 = atomic_xadd_seqcst(w, 1u64 << 33);
    let (wf, wok) = atomic_cxchg_seqcst_seqcst(w, (1u64 << 40) + (1u64 << 33), 5u64);
    (b1 as u64) + (f as u64) + (ok as u64) * 1000 + (bmax as u64) + ((bs as i64 + 100) as u64)
        + (atomic_load_seqcst(b) as u64) + (h1 as u64) + (atomic_load_seqcst(h) as u64)
        + w1 + wf + (wok as u64) * 7 + atomic_load_seqcst(w)
}

#[no_mangle] pub extern "C" fn rmw0() -> u32 { unsafe { rmw::<0>((&raw mut CELLS).cast::<u32>()) } }
#[no_mangle] pub extern "C" fn rmw1() -> u32 { unsafe { rmw::<1>(64usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn rmw3() -> u32 { unsafe { rmw::<3>(64u64 as #[mem_idx(3)] *mut u32) } }
#[no_mangle] pub extern "C" fn rmw4() -> u32 { unsafe { rmw::<4>(64usize as #[mem_idx(4)] *mut u32) } }

#[no_mangle] pub extern "C" fn narrow0() -> u64 {
    unsafe {
        let base = (&raw mut CELLS).cast::<u8>();
        narrow::<0>(base.add(8), base.add(10).cast::<u16>(), base.add(16).cast::<u64>())
    }
}
#[no_mangle] pub extern "C" fn narrow1() -> u64 {
    unsafe { narrow::<1>(72usize as #[mem_idx(1)] *mut u8, 74usize as #[mem_idx(1)] *mut u16,
                         80usize as #[mem_idx(1)] *mut u64) }
}
#[no_mangle] pub extern "C" fn narrow3() -> u64 {
    unsafe { narrow::<3>(72u64 as #[mem_idx(3)] *mut u8, 74u64 as #[mem_idx(3)] *mut u16,
                         80u64 as #[mem_idx(3)] *mut u64) }
}
#[no_mangle] pub extern "C" fn narrow4() -> u64 {
    unsafe { narrow::<4>(72usize as #[mem_idx(4)] *mut u8, 74usize as #[mem_idx(4)] *mut u16,
                         80usize as #[mem_idx(4)] *mut u64) }
}

/// wait/notify on the shared far memory, in one thread: not equal, timeouts, no waiter
#[no_mangle] pub extern "C" fn wait_far() -> i32 {
    unsafe {
        let s = 32usize as #[mem_idx(4)] *mut i32;
        atomic_store_seqcst(s, 3);
        let ne = memory_atomic_wait32(s, 4, -1);
        let to = memory_atomic_wait32(s, 3, 1000);
        let to64 = memory_atomic_wait64(40usize as #[mem_idx(4)] *mut i64, 0, 0);
        let woken = memory_atomic_notify(s, 5) as i32;
        ne * 1000 + to * 100 + to64 * 10 + woken
    }
}
