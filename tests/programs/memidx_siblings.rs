// The intrinsics-only design's `_memidx` siblings compute what their typed
// twins compute: one function per design, generic over the memory, the same
// accesses at the same addresses, on a defined far memory (1), a 64-bit far
// memory (3, below 4 GiB: design 2's pointers are 32-bit) and an imported far
// memory (4); `twin` is design 1 (typed pointers), `sibling` design 2 (plain
// pointers plus `::<N>`). Each returns a checksum of what it read, shifted right
// once to stay below 2^31; the two must agree. By hand: 11 (the old word), 22 and
// 1 (the compare-exchange), 33, 9, 7 (lane 2), 257 (a u16 of 0x0101 widened),
// 0x01010101 + 16, 0x01010101 mixed as acc * 31 + x mod 2^32 = 3659968744.
// CALL: twin1() -> 1829984372
// CALL: sibling1() -> 1829984372
// CALL: twin3() -> 1829984372
// CALL: sibling3() -> 1829984372
// CALL: twin4() -> 1829984372
// CALL: sibling4() -> 1829984372
// ORACLE: skip fixed addresses in far memories
#![memory(1, min = 1)]
#![memory(3, memory64, min = 1)]
#![memory(4, min = 1, import = "env.m4")]

#[passive]
static WORDS: [u32; 4] = [11, 22, 33, 44];

fn mix(acc: u32, x: u32) -> u32 {
    acc.wrapping_mul(31).wrapping_add(x)
}

unsafe fn twin<const M: usize>(base: #[mem_idx(M)] *mut u32) -> u32 {
    memory_init(base, WORDS, 0, 4);
    let mut acc = atomic_xadd_seqcst(base, 5);
    let (found, ok) = atomic_cxchg_seqcst_seqcst(base.add(1), 22, 7);
    acc = mix(mix(acc, found), ok as u32);
    acc = mix(acc, atomic_umax_seqcst(base.add(2), 40));
    base.add(3).write_volatile(9);
    acc = mix(acc, base.add(3).read_volatile());
    copy(base, base.add(4), 4);
    copy_nonoverlapping(base.add(4).cast_const(), base.add(8), 4);
    write_bytes(base.add(12), 1, 2);
    let v = v128_load(base.add(8).cast::<v128>());
    v128_store(base.add(16).cast::<v128>(), i32x4_add(v, v128_load32_splat(base.add(12))));
    let lane = v128_load32_lane::<2>(v128_load(base.add(16).cast::<v128>()), base.add(1));
    let wide = u32x4_load_extend_u16x4(base.add(12).cast::<u16>());
    acc = mix(acc, u32x4_extract_lane::<2>(lane));
    acc = mix(acc, u32x4_extract_lane::<3>(wide));
    acc = mix(acc, u32x4_extract_lane::<0>(v128_load(base.add(16).cast::<v128>())));
    mix(acc, atomic_load_seqcst(base.add(13))) >> 1
}

unsafe fn sibling<const M: usize>(base: *mut u32) -> u32 {
    memory_init_memidx::<M>(base, WORDS, 0, 4);
    let mut acc = atomic_xadd_memidx::<M, u32>(base, 5);
    let (found, ok) = atomic_cxchg_memidx::<M, u32>(base.add(1), 22, 7);
    acc = mix(mix(acc, found), ok as u32);
    acc = mix(acc, atomic_umax_memidx::<M, u32>(base.add(2), 40));
    write_volatile_memidx::<M, u32>(base.add(3), 9);
    acc = mix(acc, read_volatile_memidx::<M, u32>(base.add(3)));
    copy_memidx::<M, M, u32>(base, base.add(4), 4);
    copy_nonoverlapping_memidx::<M, M, u32>(base.add(4).cast_const(), base.add(8), 4);
    write_bytes_memidx::<M, u32>(base.add(12), 1, 2);
    let v = v128_load_memidx::<M>(base.add(8).cast::<v128>());
    v128_store_memidx::<M>(base.add(16).cast::<v128>(), i32x4_add(v, v128_load32_splat_memidx::<M>(base.add(12))));
    let lane = v128_load32_lane_memidx::<M, 2>(v128_load_memidx::<M>(base.add(16).cast::<v128>()), base.add(1));
    let wide = u32x4_load_extend_u16x4_memidx::<M>(base.add(12).cast::<u16>());
    acc = mix(acc, u32x4_extract_lane::<2>(lane));
    acc = mix(acc, u32x4_extract_lane::<3>(wide));
    acc = mix(acc, u32x4_extract_lane::<0>(v128_load_memidx::<M>(base.add(16).cast::<v128>())));
    mix(acc, atomic_load_memidx::<M, u32>(base.add(13))) >> 1
}

#[no_mangle] pub extern "C" fn twin1() -> u32 { unsafe { twin::<1>(64usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn sibling1() -> u32 { unsafe { sibling::<1>(256usize as *mut u32) } }
#[no_mangle] pub extern "C" fn twin3() -> u32 { unsafe { twin::<3>(64u64 as #[mem_idx(3)] *mut u32) } }
#[no_mangle] pub extern "C" fn sibling3() -> u32 { unsafe { sibling::<3>(256usize as *mut u32) } }
#[no_mangle] pub extern "C" fn twin4() -> u32 { unsafe { twin::<4>(64usize as #[mem_idx(4)] *mut u32) } }
#[no_mangle] pub extern "C" fn sibling4() -> u32 { unsafe { sibling::<4>(256usize as *mut u32) } }
