// core::far's helpers on a 64-bit memory (addresses u64) meeting a 32-bit one.
// CALL: f() -> 1170
// ORACLE: skip far memories have no native meaning
#![memory(1, memory64, min = 1)]
#![memory(2, min = 1)]
use core::far;
#[no_mangle]
pub extern "C" fn f() -> u32 {
    // fill [7, 7, 7] in memory 1, copy to memory 2, q[2] = 1, swap p[2] and q[2]:
    // equal(2) = true (1000), p[2] = 1 (100), q[2] = 7 (70), compare(12 bytes) + 1 = 0 (1 < 7)
    let p = 64u64 as #[mem_idx(1)] *mut u32;
    let q = 128 as #[mem_idx(2)] *mut u32;
    unsafe {
        far::fill(p, 7u32, 3);
        far::copy(p.cast_const(), q, 3);
        *q.add(2) = 1;
        far::swap(p.add(2), q.add(2));
        (far::equal(p.cast_const(), q.cast_const(), 2) as u32) * 1000 + *p.add(2) * 100 + *q.add(2) * 10 + (far::compare_bytes(p.cast::<u8>().cast_const(), q.cast::<u8>().cast_const(), 12) + 1) as u32
    }
}
