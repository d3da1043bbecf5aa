// A pointer formed from a static's address plus a constant and then moved
// back by a run-time amount reads the same byte at every -O level: the
// constant part may only become a memarg offset where it cannot wrap (wasm
// adds the offset without wrapping and traps past the end). At -O0 LLVM's
// FastISel folded `NEAR_BYTES + 10` into the offset of a load from `-n`.
// CALL: near_bytes_back(3) -> 8
// CALL: near_bytes_back(10) -> 1
// CALL: near_words_back(3) -> 8
// CALL: far_bytes_back(3) -> 8
// CALL: far_words_back(7) -> 4
// CALL: near_bytes_offset(-4) -> 7
// CALL: far_bytes_offset(-4) -> 7
// CALL: near_struct_back(1) -> 20
// CALL: far_struct_back(1) -> 20
#![memory(1, min = 1)]

static NEAR_BYTES: [u8; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
static NEAR_WORDS: [u32; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
#[mem_idx(1)]
static FAR_BYTES: [u8; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
#[mem_idx(1)]
static FAR_WORDS: [u32; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

#[repr(C)]
struct Pair { a: u32, b: u32 }

static NEAR_PAIRS: [Pair; 3] = [Pair { a: 10, b: 20 }, Pair { a: 30, b: 40 }, Pair { a: 50, b: 60 }];
#[mem_idx(1)]
static FAR_PAIRS: [Pair; 3] = [Pair { a: 10, b: 20 }, Pair { a: 30, b: 40 }, Pair { a: 50, b: 60 }];

#[no_mangle]
pub extern "C" fn near_bytes_back(n: usize) -> u8 {
    unsafe { *(&raw const NEAR_BYTES).cast::<u8>().add(10).sub(n) }
}

#[no_mangle]
pub extern "C" fn near_words_back(n: usize) -> u32 {
    unsafe { *(&raw const NEAR_WORDS).cast::<u32>().add(10).sub(n) }
}

#[no_mangle]
pub extern "C" fn far_bytes_back(n: usize) -> u8 {
    unsafe { *(&raw const FAR_BYTES).cast::<u8>().add(10).sub(n) }
}

#[no_mangle]
pub extern "C" fn far_words_back(n: usize) -> u32 {
    unsafe { *(&raw const FAR_WORDS).cast::<u32>().add(10).sub(n) }
}

#[no_mangle]
pub extern "C" fn near_bytes_offset(n: isize) -> u8 {
    unsafe { *(&raw const NEAR_BYTES).cast::<u8>().add(10).offset(n) }
}

#[no_mangle]
pub extern "C" fn far_bytes_offset(n: isize) -> u8 {
    unsafe { *(&raw const FAR_BYTES).cast::<u8>().add(10).offset(n) }
}

#[no_mangle]
pub extern "C" fn near_struct_back(n: usize) -> u32 {
    unsafe { (*(&raw const NEAR_PAIRS).cast::<Pair>().add(1).sub(n)).b }
}

#[no_mangle]
pub extern "C" fn far_struct_back(n: usize) -> u32 {
    unsafe { (*(&raw const FAR_PAIRS).cast::<Pair>().add(1).sub(n)).b }
}
