// Far function pointers: functions of `lib` called through lib's table
// (`call_indirect` on the table this module imports from lib), beside this
// module's own table; handed back to lib, stored, compared, read from lib's
// memory through a far pointer; a garbage index traps in lib's table.
// LINK: lib=linked/far_fn_lib.rs
// ORACLE: skip two wasm modules, one calling through the other's table
// CALL: call_picked(0, 5) -> 10
// CALL: call_picked(1, 5) -> 25
// CALL: handed_back(1, 6) -> 1036
// CALL: both_tables(0, 7) -> 8
// CALL: both_tables(1, 7) -> 59
// CALL: stored(3) -> 15
// CALL: through_lib_memory(1) -> 100
// CALL: lib_reads_its_memory(77) -> 77
// CALL: compare() -> 101
// TRAP: garbage_index(1)
#![memory(1, import = "lib.memory")]

#[link(wasm_import_module = "lib")]
extern "C" {
    fn pick(i: u32) -> #[far(lib)] fn(u32) -> u32;
    fn apply(f: #[far(lib)] fn(u32) -> u32, x: u32) -> u32;
    fn slot(i: u32) -> #[mem_idx(1)] *const #[far(lib)] fn(u32) -> u32;
    fn reader() -> #[far(lib)] unsafe fn(#[mem_idx(1)] *const u8) -> u8;
    fn buffer() -> #[mem_idx(1)] *mut u8;
}

fn negate(x: u32) -> u32 {
    0 - x
}

fn inc(x: u32) -> u32 {
    x + 1
}

// this module's own table: its indices are not lib's
static OWN: [fn(u32) -> u32; 2] = [negate, inc];

#[no_mangle]
pub extern "C" fn call_picked(i: u32, x: u32) -> u32 {
    let f = unsafe { pick(i) };
    f(x)
}

#[no_mangle]
pub extern "C" fn handed_back(i: u32, x: u32) -> u32 {
    unsafe { apply(pick(i), x) }
}

// OWN[i] through this module's table, pick(i) through lib's
#[no_mangle]
pub extern "C" fn both_tables(i: u32, x: u32) -> u32 {
    let own = OWN[i as usize];
    let far = unsafe { pick(i) };
    own(x) + far(x) + own(0) + 1
}

#[no_mangle]
pub extern "C" fn stored(x: u32) -> u32 {
    let mut table: [#[far(lib)] fn(u32) -> u32; 2] = unsafe { [pick(0), pick(1)] };
    table[0] = table[1];
    table[0](x) + table[1](x) - table[1](x) + unsafe { pick(0) }(x)
}

#[no_mangle]
pub extern "C" fn through_lib_memory(i: u32) -> u32 {
    let f = unsafe { *slot(i) };
    f(10)
}

#[no_mangle]
pub extern "C" fn lib_reads_its_memory(x: u32) -> u32 {
    unsafe {
        let b = buffer();
        *b = x as u8;
        reader()(b as #[mem_idx(1)] *const u8) as u32
    }
}

#[no_mangle]
pub extern "C" fn compare() -> u32 {
    let a = unsafe { pick(0) };
    let b = unsafe { pick(1) };
    let same = (a == unsafe { pick(0) }) as u32;
    let differ = (a != b) as u32;
    let indices = (a as u32 != b as u32) as u32;
    same * 100 + differ * (1 - (a == b) as u32) * indices
}

// an index lib's table does not have: call_indirect traps
#[no_mangle]
pub extern "C" fn garbage_index(x: u32) -> u32 {
    unsafe {
        *(96usize as #[mem_idx(1)] *mut u32) = 100000;
        let f = *(96usize as #[mem_idx(1)] *const #[far(lib)] fn(u32) -> u32);
        f(x)
    }
}
