#![memory(1, min = 1)]

#[passive]
static GREETING: [u8; 5] = [104, 101, 108, 108, 111];
static PLAIN: [u8; 2] = [1, 2];

// a passive static is in no memory: only memory_init and data_drop name it
fn uses() -> u8 {
    let p = &raw const GREETING; //~ ERROR M0017 static `GREETING` is a passive data segment: it is in no memory
    //~| LABEL a passive segment cannot be read, written or borrowed
    //~| HELP memory_init(dst, GREETING, 0, n)
    GREETING[0] //~ ERROR M0017 it is in no memory
}

fn segments(dst: #[mem_idx(1)] *mut u8, words: *mut u32, far: #[mem_idx(6)] *mut u8) {
    unsafe {
        memory_init(dst, PLAIN, 0, 1); //~ ERROR M0017 `memory_init` takes a `#[passive]` static, found static `PLAIN`, which is not passive
        memory_init(words, GREETING, 0, 1); //~ ERROR E0308 mismatched types
        //~| NOTE `GREETING` is a `[u8; 5]`: `memory_init` writes its elements at the destination
        memory_init(far, GREETING, 0, 1); //~ ERROR M0009 `memory_init` accesses memory 6
    }
    memory_init(dst, GREETING, 0, 1); //~ ERROR E0133
    data_drop(dst); //~ ERROR M0017 `data_drop` takes a `#[passive]` static, found an expression
}

#[passive]
static mut WRITABLE: [u8; 1] = [0]; //~ ERROR M0018 passive static `WRITABLE` cannot be `mut`
#[passive]
#[mem_idx(1)] //~ ERROR M0018 passive static `PLACED` cannot be placed in a memory
static PLACED: [u8; 1] = [0];
#[passive]
static SCALAR: u32 = 0; //~ ERROR M0018 passive static `SCALAR` is a `u32`, not an array
#[passive]
#[no_mangle]
pub static EXPORTED: [u8; 1] = [0]; //~ ERROR M0018 passive static `EXPORTED` cannot be exported
fn one() -> u32 { 1 }
#[passive]
static FNS: [fn() -> u32; 1] = [one]; //~ ERROR M0018 passive static `FNS` cannot hold function pointers
//~| NOTE the linker fills in
