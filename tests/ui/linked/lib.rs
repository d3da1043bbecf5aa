// The module the UI tests l000*.rs link against as `lib`: its own memory 0
// (exported as "memory", as every farc module's), a far memory 1 exported as
// "data", a memory 2 it keeps to itself, and a shared memory 3.
#![memory(1, min = 2, max = 4, export = "data")]
#![memory(2, min = 1)]
#![memory(3, shared, min = 1, max = 1, export = "shared")]

#[repr(C)]
pub struct Pair {
    a: u32,
    b: *const u8,
}

#[no_mangle]
pub extern "C" fn buffer() -> *mut u8 {
    4096 as *mut u8
}

#[no_mangle]
pub extern "C" fn checksum(p: *const u8, n: usize) -> u32 {
    let mut s: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        s = s * 31 + unsafe { *p.add(i) } as u32;
        i += 1;
    }
    s
}

#[no_mangle]
pub extern "C" fn data_at(i: usize) -> #[mem_idx(1)] *const u32 {
    (i * 4) as #[mem_idx(1)] *const u32
}

#[no_mangle]
pub extern "C" fn fill(p: #[mem_idx(1)] *mut u32, n: usize, v: u32) {
    let mut i: usize = 0;
    while i < n {
        unsafe { *p.add(i) = v; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn hidden(p: #[mem_idx(2)] *const u8) -> u8 {
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn first(p: *const Pair) -> u32 {
    unsafe { (*p).a }
}

#[no_mangle]
pub extern "C" fn bump(r: &mut u32) {
    *r = *r + 1;
}
