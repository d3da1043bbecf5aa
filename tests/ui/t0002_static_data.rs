// The static data a build writes out is at most 256 MiB: memory 0's statics
// that are LLVM globals count whole, zeros included (LLVM writes their zeros
// into the object file: a 2 GiB zeroed static ran LLVM out of memory, found
// by the mutation fuzzer); statics farc places itself (far ones, and big
// unexported memory-0 ones) count unless they are all zeros.
#![memory(1, min = 16385)]

#[mem_idx(1)]
static mut FAR_ZEROS: [u8; 1073741824] = [0; 1073741824]; // placed, never written: free
static mut NEAR_ZEROS: [u8; 1073741824] = [0; 1073741824]; // placed, never written: free
static mut ARENA: [u8; 201326592] = [1; 201326592]; // 192 MiB
static TABLE: [u32; 4] = [1, 2, 3, 4];
#[mem_idx(1)]
static FAR_ONES: [u8; 67108864] = [1; 67108864]; //~ ERROR T0002 static `FAR_ONES` brings the data the build writes out to 268435472 bytes, more than the 268435456 bytes farc builds
//~| NOTE a static that is all zeros costs nothing when farc places it itself
//~| HELP start a big buffer zeroed
static mut LATER: [u8; 4096] = [0; 4096];

#[no_mangle]
pub extern "C" fn get(i: usize) -> u8 {
    unsafe { FAR_ZEROS[i] + NEAR_ZEROS[i] + ARENA[i] + TABLE[i % 4] as u8 + FAR_ONES[i] + LATER[i % 4096] }
}
