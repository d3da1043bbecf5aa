// A pointer formed from a constant address (or a static's) plus a constant and
// moved back by a run-time amount, then used in a later block, writes and
// reads where the program says at every -O level. LLVM 22's CodeGenPrepare
// re-associated such an `inbounds` address into `-n` plus the constant and
// the back end made the constant the memarg offset: `i32.store8
// offset=196660` on the wrapped address `-n`, an out-of-bounds trap where the
// program is in bounds (differential campaign, seed 10018289; the fix is
// compiler/codegen/memarg_offsets.py). Each function reads the place through
// an address computed as an integer, so a store that went elsewhere shows.
// CALL: const_base_back(17, 5) -> 34
// CALL: const_base_back(52, 0) -> 104
// CALL: const_base_back(0, 9) -> 0
// CALL: const_words_back(17, 5) -> 34
// CALL: const_base_offset(-40, 5) -> 80
// CALL: const_struct_back(3, 5) -> 6
// CALL: big_static_back(90000, 5) -> 32
// CALL: big_static_back(100000, 0) -> 64
// CALL: far_const_back(17, 5) -> 34
// CALL: far64_const_back(17, 5) -> 34
// ORACLE: skip writes to fixed memory-0 addresses, which a native build cannot
#![memory(0, min = 4)]
#![memory(1, min = 1)]
#![memory(2, memory64, min = 1)]

static mut COUNT: u32 = 0;
static mut BIG: [u8; 120000] = [0; 120000];

#[repr(C)]
struct Pair { a: u32, b: u32 }

/// Work between the address and its last use, in blocks of their own.
fn churn(c: u32) {
    unsafe {
        if c > 3 {
            COUNT = COUNT * 3 + c;
        }
    }
}

#[no_mangle]
pub extern "C" fn const_base_back(k: u32, c: u32) -> u32 {
    unsafe {
        let p = (196608usize as *mut u8).add(52).sub((k % 53) as usize);
        let old = *p as u32;
        churn(c);
        p.write((2 * k) as u8);
        old + *((196660 - (k % 53) as usize) as *const u8) as u32
    }
}

#[no_mangle]
pub extern "C" fn const_words_back(k: u32, c: u32) -> u32 {
    unsafe {
        let p = (196608usize as *mut u16).add(26).sub((k % 27) as usize);
        let old = *p as u32;
        churn(c);
        p.write((2 * k) as u16);
        old + *((196660 - 2 * (k % 27) as usize) as *const u16) as u32
    }
}

#[no_mangle]
pub extern "C" fn const_base_offset(k: isize, c: u32) -> u32 {
    unsafe {
        let p = (196608usize as *mut u8).add(60).offset(k);
        let old = *p as u32;
        churn(c);
        p.write((-2 * k) as u8);
        old + *((196668 + k as usize) as *const u8) as u32
    }
}

#[no_mangle]
pub extern "C" fn const_struct_back(k: u32, c: u32) -> u32 {
    unsafe {
        let p = (196608usize as *mut Pair).add(8).sub((k % 9) as usize);
        let old = (*p).b;
        churn(c);
        (*p).b = 2 * k;
        old + *((196608 + 8 * (8 - (k % 9) as usize) + 4) as *const u32)
    }
}

#[no_mangle]
pub extern "C" fn big_static_back(k: u32, c: u32) -> u32 {
    unsafe {
        let base = (&raw mut BIG).cast::<u8>();
        let p = base.add(100000).sub(k as usize);
        let old = *p as u32;
        churn(c);
        p.write((2 * k) as u8);
        old + BIG[100000 - k as usize] as u32
    }
}

#[no_mangle]
pub extern "C" fn far_const_back(k: u32, c: u32) -> u32 {
    unsafe {
        let p = (4096usize as #[mem_idx(1)] *mut u8).add(52).sub((k % 53) as usize);
        let old = *p as u32;
        churn(c);
        p.write((2 * k) as u8);
        old + *((4148 - (k % 53) as usize) as #[mem_idx(1)] *const u8) as u32
    }
}

#[no_mangle]
pub extern "C" fn far64_const_back(k: u32, c: u32) -> u32 {
    unsafe {
        let p = (4096u64 as #[mem_idx(2)] *mut u8).add(52).sub((k % 53) as usize);
        let old = *p as u32;
        churn(c);
        p.write((2 * k) as u8);
        old + *((4148 - (k % 53) as u64) as #[mem_idx(2)] *const u8) as u32
    }
}
