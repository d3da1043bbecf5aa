// The "intrinsics only" design: a plain pointer plus an explicit memory index.
// CALL: roundtrip(1234) -> 1235
// CALL: both_designs() -> 2469
// ORACLE: skip uses fixed addresses that only exist in a wasm memory
#![memory(1, min = 1)]

#[no_mangle]
pub extern "C" fn roundtrip(v: u32) -> u32 {
    let slot = 128 as *mut u32;
    unsafe {
        store_memidx::<1, u32>(slot, v);
        load_memidx::<1, u32>(slot as *const u32) + 1
    }
}

#[no_mangle]
pub extern "C" fn both_designs() -> u32 {
    // the typed far pointer sees what the intrinsic stored at the same address
    let typed = 128 as #[mem_idx(1)] *const u32;
    unsafe { *typed + roundtrip(*typed) }
}
