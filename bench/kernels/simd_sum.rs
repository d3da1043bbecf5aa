// Explicit SIMD: the sum of n u32 values with core::arch::wasm32's v128
// functions (v128_load, i32x4_add, u32x4_extract_lane) on the data's memory,
// whichever it is. n is a multiple of 8.
// Exports: init(n, seed) fills data[0..n] with a xorshift sequence;
// run(n) -> the wrapping sum of data[0..n].

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, n, seed, !0);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as #[mem_idx(D)] *const v128;
    let mut a = u32x4_splat(0);
    let mut b = u32x4_splat(0);
    let mut i = 0usize;
    unsafe {
        while i < n / 4 {
            a = i32x4_add(a, v128_load(p.add(i)));
            b = i32x4_add(b, v128_load(p.add(i + 1)));
            i += 2;
        }
    }
    let s = i32x4_add(a, b);
    u32x4_extract_lane::<0>(s).wrapping_add(u32x4_extract_lane::<1>(s))
        .wrapping_add(u32x4_extract_lane::<2>(s)).wrapping_add(u32x4_extract_lane::<3>(s))
}
