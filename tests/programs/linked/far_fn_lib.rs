// The module tests/programs/far_fn_pointers.rs links as `lib`: it hands out
// pointers to its functions (indices into its table, which it therefore
// exports) and calls the ones it is handed back.
fn double(x: u32) -> u32 {
    x * 2
}

fn square(x: u32) -> u32 {
    x * x
}

static OPS: [fn(u32) -> u32; 2] = [double, square];

#[no_mangle]
pub extern "C" fn pick(i: u32) -> fn(u32) -> u32 {
    OPS[i as usize]
}

#[no_mangle]
pub extern "C" fn apply(f: fn(u32) -> u32, x: u32) -> u32 {
    f(x) + 1000
}

// where OPS[i] is, in lib's memory 0
#[no_mangle]
pub extern "C" fn slot(i: u32) -> *const fn(u32) -> u32 {
    &OPS[i as usize] as *const fn(u32) -> u32
}

unsafe fn read_byte(p: *const u8) -> u8 {
    *p
}

#[no_mangle]
pub extern "C" fn reader() -> unsafe fn(*const u8) -> u8 {
    read_byte
}

#[no_mangle]
pub extern "C" fn buffer() -> *mut u8 {
    4096 as *mut u8
}
