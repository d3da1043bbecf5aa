// Seed 5 of the mutation fuzzer, input 9494: an exported memory-0 static of
// 192 MiB, all ones, was under the 256 MiB of static data farc builds, and
// ran the build out of its 4 GiB (B0010): the bytes of an LLVM global count
// eight times now (LLVM_GLOBAL_DATA_WEIGHT), so this is T0002 at once.
// BUILD: -O2
#[no_mangle]
static mut ARENA: [u8; 201326592] = [1; 201326592]; //~ ERROR T0002 static `ARENA` brings the data the build writes out to 1610612736 bytes
//~| NOTE count 8 times their size
//~| HELP start a big buffer zeroed

#[no_mangle]
pub extern "C" fn in_bounds() -> u32 {
    let p = 65532 as *const u32;
    unsafe { *p }
}
