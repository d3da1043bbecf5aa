// Export names beyond identifiers, and `memory` as a function's export name
// once memory 0 is exported under another name (X0001 otherwise).
// CALL: memory() -> 7
// CALL: sum() -> 12
// ORACLE: skip the export names (`memory`) are not the functions' Rust names
#![memory(0, export = "heap")]

#[export_name = "memory"]
pub extern "C" fn not_a_memory() -> u32 { 7 }

#[export_name = "get-2"]
pub extern "C" fn get2() -> u32 { 2 }

#[export_name = "état"]
pub extern "C" fn etat() -> u32 { 3 }

#[no_mangle]
pub extern "C" fn sum() -> u32 { not_a_memory() + get2() + etat() }
