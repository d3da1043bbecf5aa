// A 64-bit memory of 4 GiB + 64 KiB (65537 pages) beside a 32-bit memory 0:
// every access kind at byte 4 GiB + 8, with the element count of `add` a u64
// (the memory's width) and the address arithmetic in u64 (usize stays 32-bit).
// The largest memory64 tested here is 65538 pages (max); wasmtime and V8 both
// reserve it lazily, so only the touched pages cost memory.
// CALL: high(5) -> 65552
// CALL: grown() -> 65537
// CALL: wide_index(3) -> 4294967299
// ORACLE: skip needs a memory larger than 4 GiB
#![memory(1, memory64, min = 65537, max = 65538, export = "big")]

#[no_mangle]
pub extern "C" fn high(v: u64) -> u64 {
    unsafe {
        let base = 0u64 as #[mem_idx(1)] *mut u64;
        let p = base.add((1u64 << 29) + 1); // byte 4 GiB + 8
        *p = v;
        atomic_xadd_seqcst(p, 1);
        p.write_volatile(p.read_volatile() + 1);
        *p + (p as u64 - (1u64 << 32)) + memory_size::<1>()
    }
}

/// memory_grow takes and returns u64 pages
#[no_mangle]
pub extern "C" fn grown() -> u64 {
    memory_grow::<1>(1u64)
}

/// a byte past 4 GiB reached by a u64 count and read back through offset_from (i64)
#[no_mangle]
pub extern "C" fn wide_index(k: u64) -> u64 {
    unsafe {
        let base = 0u64 as #[mem_idx(1)] *mut u8;
        let p = base.add((1u64 << 32) + k);
        *p = 42;
        let q = base.offset((1i64 << 32) + 3);
        (q.offset_from(base) as u64) * ((*q == 42) as u64)
    }
}
