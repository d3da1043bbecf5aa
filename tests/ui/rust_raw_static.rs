#![memory(1, min = 1)]

// `&raw const S` / `&raw mut S` of a `static mut` is safe, as in current
// Rust: only reading or writing the static needs `unsafe`. Each E0133 says
// why its operation is unsafe.

#[repr(C)]
struct Pair { a: u32, b: [u32; 4] }

static mut COUNT: u32 = 0;
static mut PAIR: Pair = Pair { a: 1, b: [0; 4] };

#[link(wasm_import_module = "env")]
extern "C" {
    fn host_log(x: i32);
}

unsafe fn raw_read(p: *const u32) -> u32 { *p }

fn addresses(i: usize) -> *mut u32 {
    let a: *const u32 = &raw const COUNT;
    let b: *mut u32 = &raw mut COUNT;
    let c = &raw const PAIR.a;
    let d = &raw mut PAIR.b[i];
    let e = &raw const PAIR.b[COUNT as usize]; //~ ERROR E0133 use of mutable static
    //~| NOTE taking its address with `&raw const` / `&raw mut` is safe
    b
}

fn causes(p: *const u32, q: #[mem_idx(1)] *mut u32, v: [u32; 2]) -> u32 {
    let read = COUNT; //~ ERROR E0133 use of mutable static
    //~| NOTE mutable statics can be changed by any code
    COUNT = 2; //~ ERROR E0133 use of mutable static
    let borrow = &COUNT; //~ ERROR E0133 use of mutable static
    let deref = *p; //~ ERROR E0133 dereference of raw pointer
    //~| NOTE raw pointers may be null, dangling or unaligned
    host_log(1); //~ ERROR E0133 call to unsafe function `host_log`
    //~| NOTE functions of an `extern` block are unsafe to call
    let called = raw_read(p); //~ ERROR E0133 call to unsafe function `raw_read`
    //~| NOTE consult the function's documentation
    let moved = p.add(1); //~ ERROR E0133 call to unsafe method `add`
    //~| NOTE must stay within the object the pointer points into
    let distance = p.offset_from(p); //~ ERROR E0133 call to unsafe method `offset_from`
    //~| NOTE both pointers must point into the same object
    let far = load_memidx::<1, u32>(p); //~ ERROR E0133 call to unsafe intrinsic `load_memidx`
    //~| NOTE uses the address of a memory-0 pointer in another memory
    unreachable(); //~ ERROR E0133 call to unsafe function `unreachable`
    //~| NOTE undefined behavior in Rust (farc traps)
    0
}
