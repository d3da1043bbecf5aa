// BUILD: -O2
// The policy holds on the optimized module: a helper inlined into a gate is
// the gate's own code; inlined into another exported function it is that
// function's access. Gates themselves are never inlined (farc marks them
// `noinline`), so calling one stays a call.
#![memory(1, secret, only = [seal])]

#[mem_idx(1)]
static mut KEY: [u32; 4] = [1, 2, 3, 4];

fn key_word(i: usize) -> u32 {
    unsafe { *(&raw const KEY).cast::<u32>().add(i & 3) }
}

#[no_mangle]
pub extern "C" fn seal(x: u32) -> u32 {
    x ^ key_word(x as usize)
}

#[no_mangle]
pub extern "C" fn twice_sealed(x: u32) -> u32 {
    seal(seal(x))
}

#[no_mangle]
pub extern "C" fn hint(i: usize) -> u32 { //~ ERROR I0001 `hint` accesses secret memory 1, but only `seal` may: it reads it (i32.load x1)
    key_word(i) & 1
}
