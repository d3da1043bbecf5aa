// Export and import names the tool chain cannot carry.
#![memory(1, min = 1, import = "farc:mem.m1")] //~ ERROR X0002 the import module `farc:mem` is reserved
#![memory(2, min = 1, import = ".m2")] //~ ERROR X0002 import module and import names cannot be empty

#[export_name = "a\0b"] //~ ERROR X0002 export name `a\0b` contains a NUL character
//~| NOTE end names at NUL
pub extern "C" fn f() -> u32 { 1 }

#[link(wasm_import_module = "farc:mem")] //~ ERROR X0002 reserved for farc's memory intrinsics
extern "C" {
    fn intrinsic_lookalike() -> u32;
}

#[link(wasm_import_module = "")] //~ ERROR X0002 cannot be empty
extern "C" {
    #[link_name = "x\0"] //~ ERROR X0002 import name `x\0` contains a NUL character
    fn host() -> u32;
}

#[no_mangle]
pub extern "C" fn g() -> u32 { unsafe { intrinsic_lookalike() + host() } }
