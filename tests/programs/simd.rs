// core::arch::wasm32's SIMD memory functions on memory 0, a defined far memory
// (1), a 64-bit far memory (3) and an imported far memory (4), through one
// function generic over the memory; the expected checksums come from the model
// in tests/test_simd.py (tests/test_simd.py also checks that each is one
// memory-indexed wasm instruction).
// CALL: init0() -> 0
// CALL: init1() -> 0
// CALL: init3() -> 0
// CALL: init4() -> 0
// CALL: kinds0() -> 312188607
// CALL: kinds1() -> 312188607
// CALL: kinds3() -> 312188607
// CALL: kinds4() -> 312188607
// ORACLE: skip core::arch::wasm32 exists on wasm targets only
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, min = 1, max = 1, import = "env.simd")]

static mut NEAR: [u8; 256] = [0u8; 256];

/// bytes 0..64 of the region: 7 * i + 1
unsafe fn init<const M: usize>(base: #[mem_idx(M)] *mut u8) -> u32 {
    let mut i = 0usize;
    while i < 64 {
        *base.add(i) = (7 * i + 1) as u8;
        i += 1;
    }
    0
}

/// every SIMD memory kind once; six results stored from byte 64 on; their checksum
unsafe fn kinds<const M: usize>(base: #[mem_idx(M)] *mut u8) -> u32 {
    let v = base.cast::<v128>();
    let out = base.add(64).cast::<v128>();
    v128_store(out, v128_load32_lane::<1>(v128_load(v), base.add(32).cast::<u32>()));
    v128_store(out.add(1), v128_load8_splat(base.add(33)));
    v128_store(out.add(2), v128_load32_zero(base.add(36).cast::<u32>()));
    v128_store(out.add(3), u16x8_load_extend_u8x8(base.add(40)));
    v128_store(out.add(4), i32x4_load_extend_i16x4(base.add(40).cast::<i16>()));
    v128_store(out.add(5), i32x4_mul(u32x4_splat(3), v128_load64_splat(base.add(8).cast::<u64>())));
    let words = out.cast::<u32>();
    let mut check = 0u32;
    let mut k = 0usize;
    while k < 24 {
        check = check.wrapping_mul(31).wrapping_add(*words.add(k));
        k += 1;
    }
    check
}

#[no_mangle] pub extern "C" fn init0() -> u32 { unsafe { init::<0>((&raw mut NEAR).cast::<u8>()) } }
#[no_mangle] pub extern "C" fn init1() -> u32 { unsafe { init::<1>(256usize as #[mem_idx(1)] *mut u8) } }
#[no_mangle] pub extern "C" fn init3() -> u32 { unsafe { init::<3>(256u64 as #[mem_idx(3)] *mut u8) } }
#[no_mangle] pub extern "C" fn init4() -> u32 { unsafe { init::<4>(256usize as #[mem_idx(4)] *mut u8) } }
#[no_mangle] pub extern "C" fn kinds0() -> u32 { unsafe { kinds::<0>((&raw mut NEAR).cast::<u8>()) } }
#[no_mangle] pub extern "C" fn kinds1() -> u32 { unsafe { kinds::<1>(256usize as #[mem_idx(1)] *mut u8) } }
#[no_mangle] pub extern "C" fn kinds3() -> u32 { unsafe { kinds::<3>(256u64 as #[mem_idx(3)] *mut u8) } }
#[no_mangle] pub extern "C" fn kinds4() -> u32 { unsafe { kinds::<4>(256usize as #[mem_idx(4)] *mut u8) } }
