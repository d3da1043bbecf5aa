// The static data a build writes out is at most 256 MiB: memory 0's statics
// that are LLVM globals count whole, zeros included (LLVM writes their zeros
// into the object file: a 2 GiB zeroed static ran LLVM out of memory, found
// by the mutation fuzzer), and eight times over (LLVM holds several copies:
// a 192 MiB one ran a 4 GiB build out of memory, found by the fuzzer too);
// statics farc places itself (far ones, and big unexported memory-0 ones)
// count once, unless they are all zeros.
#![memory(1, min = 16385)]

#[mem_idx(1)]
static mut FAR_ZEROS: [u8; 1073741824] = [0; 1073741824]; // placed, never written: free
static mut NEAR_ZEROS: [u8; 1073741824] = [0; 1073741824]; // placed, never written: free
static mut ARENA: [u8; 16777216] = [1; 16777216]; // 16 MiB, an LLVM global: counts 128 MiB
static TABLE: [u32; 4] = [1, 2, 3, 4]; // counts 128 bytes
#[mem_idx(1)]
static FAR_ONES: [u8; 134217728] = [1; 134217728]; //~ ERROR T0002 static `FAR_ONES` brings the data the build writes out to 268435584 bytes, more than the 268435456 bytes farc builds
//~| NOTE the statics of memory 0 that are LLVM globals count 8 times their size
//~| HELP start a big buffer zeroed
static mut LATER: [u8; 4096] = [0; 4096];

#[no_mangle]
pub extern "C" fn get(i: usize) -> u8 {
    unsafe { FAR_ZEROS[i] + NEAR_ZEROS[i] + ARENA[i] + TABLE[i % 4] as u8 + FAR_ONES[i] + LATER[i % 4096] }
}
