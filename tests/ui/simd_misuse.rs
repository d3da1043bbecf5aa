#![memory(1, min = 1)]
#![memory(3, memory64, min = 1)]

// SIMD functions take pointers into any declared memory, typed as Rust types them.
fn simd(p: #[mem_idx(1)] *const u32, b: #[mem_idx(1)] *const u8, far: #[mem_idx(5)] *const v128) -> u32 {
    unsafe {
        let v = v128_load(p.cast::<v128>());
        let w = v128_load(far); //~ ERROR M0009 `v128_load` accesses memory 5
        let x = v128_load32_lane::<4>(v, p); //~ ERROR E0080 lane 4 of `v128_load32_lane` is out of range (it has 4 lanes)
        let y = u16x8_load_extend_u8x8(p); //~ ERROR E0308
        let z = v128_load8_splat(b);
        let same = z == v; //~ ERROR E0369
        let sum = z + v; //~ ERROR E0369
        u32x4_extract_lane::<7>(z) //~ ERROR E0080 it has 4 lanes
    }
}

// into a 64-bit memory, `add` counts in u64 (usize is accepted too); a u32 is not
fn counts(p: #[mem_idx(3)] *const u8, n: usize, k: u64, small: u32) -> #[mem_idx(3)] *const u8 {
    unsafe { p.add(n).add(k).add(1 << 40).add(small) } //~ ERROR E0308 mismatched types
    //~| LABEL expected `u64`, found `u32`
}
