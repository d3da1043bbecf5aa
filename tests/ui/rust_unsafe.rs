#![memory(1, min = 1)]

#[link(wasm_import_module = "env")]
extern "C" {
    fn host_log(x: i32);
}

static mut STATE: u32 = 0;

unsafe fn raw_read(p: *const u32) -> u32 { *p }

fn needs_unsafe(p: *const u32, q: #[mem_idx(1)] *mut u32, r: &u32) -> u32 {
    let a = *p; //~ ERROR E0133 dereference of raw pointer
    let b = *r;
    *q = 1; //~ ERROR E0133
    let c = p.add(1); //~ ERROR E0133
    host_log(1); //~ ERROR E0133 call to unsafe function `host_log`
    let d = raw_read(p); //~ ERROR E0133
    STATE = 1; //~ ERROR E0133 use of mutable static
    let e = p.is_null();
    let f = p.cast::<u8>();
    unsafe {
        host_log(*p as i32);
        *q = *p + raw_read(p) + STATE;
    }
    b
}
