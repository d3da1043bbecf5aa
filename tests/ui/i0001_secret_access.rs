// BUILD: -O0
// Only `seal` and `unseal` may access memory 1 in the final module. At -O0
// nothing is inlined: `key_byte` is a function of its own, which would be
// fine if only the gates could reach it; `backdoor` reaches it without them.
#![memory(1, secret, only = [seal, unseal])]
#![memory(2, secret, only = [open])]

#[mem_idx(1)]
static mut KEY: [u8; 16] = [7; 16];

fn key_byte(i: usize) -> u32 { //~ ERROR I0001 `key_byte` accesses secret memory 1, but only `seal`, `unseal` may: it reads it (i32.load8_u x1)
    unsafe { *(&raw const KEY).cast::<u8>().add(i) as u32 }
}

#[no_mangle]
pub extern "C" fn seal(x: u32) -> u32 {
    x ^ key_byte(0)
}

#[no_mangle]
pub extern "C" fn unseal(x: u32) -> u32 {
    x ^ key_byte(0)
}

// calling a gate is fine: the gate does the access
#[no_mangle]
pub extern "C" fn api(x: u32) -> u32 {
    unseal(seal(x)) + 1
}

// an exported function that reads the memory itself
#[no_mangle]
pub extern "C" fn peek() -> u32 { //~ ERROR I0001 `peek` accesses secret memory 1, but only `seal`, `unseal` may: it reads it (i32.load8_u x1)
    unsafe { *(&raw const KEY).cast::<u8>() as u32 }
}

// calling the gates' helper directly: `key_byte` is reachable without them
fn sneaky(i: usize) -> u32 {
    key_byte(i) + 1
}

#[no_mangle]
pub extern "C" fn backdoor(i: usize) -> u32 {
    sneaky(i)
}

// writing and growing count too
#[no_mangle]
pub extern "C" fn wipe() { //~ ERROR I0001 `wipe` accesses secret memory 2, but only `open` may: it writes it (i32.store x1) and grows it (memory.grow x1)
    unsafe { *(8 as #[mem_idx(2)] *mut u32) = 0; }
    memory_grow::<2>(1);
}

#[no_mangle]
pub extern "C" fn open() -> u32 {
    unsafe { *(8 as #[mem_idx(2)] *const u32) }
}
