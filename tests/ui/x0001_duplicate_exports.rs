// Two exports under one name: a wasm module has one namespace of exports,
// shared by functions, statics and memories.
#![memory(1, min = 1, export = "memory")] //~ ERROR X0001 export name `memory` of memory 1 is already the export name of memory 0
//~| LABEL exported again here
//~| NOTE memory 0 is exported as `memory`
//~| HELP rename one
#![memory(2, min = 1, export = "data")]

#[no_mangle]
pub extern "C" fn get() -> u32 { 1 }

#[export_name = "get"] //~ ERROR X0001 export name `get` of function `get_again` is already the export name of function `get`
pub extern "C" fn get_again() -> u32 { 2 }

#[export_name = "memory"] //~ ERROR X0001 export name `memory` of function `heap` is already the export name of memory 0
pub extern "C" fn heap() -> u32 { 3 }

#[no_mangle] //~ ERROR X0001 export name `data` of static `data` is already the export name of memory 2
pub static data: u32 = 4;

// distinct names are fine, including names that are not identifiers
#[export_name = "get-2"]
pub extern "C" fn get2() -> u32 { 5 }
#[export_name = "état"]
pub extern "C" fn etat() -> u32 { 6 }
