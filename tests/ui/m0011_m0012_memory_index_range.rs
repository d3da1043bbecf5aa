// Memory indices farc can compile: 0 to 16776215 (memory N is LLVM address
// space 1000 + N while it is compiled, and address spaces are 24-bit).
#![memory(16776215, min = 1)]
#![memory(16776216, min = 1)] //~ ERROR M0011 memory index 16776216 is out of range: farc supports memory indices 0 to 16776215
//~| NOTE LLVM's address spaces are 24-bit numbers
#![memory(4294967296)] //~ ERROR M0011 memory index 4294967296 is out of range

const FAR: usize = 16777216;

fn edge(p: #[mem_idx(16776215)] *const u8) -> u8 { unsafe { *p } }
fn beyond(p: #[mem_idx(16777216)] *const u8) -> usize { p as usize } //~ ERROR M0012 memory index 16777216 is out of range: farc supports memory indices 0 to 16776215
fn through_const(p: #[mem_idx(FAR)] *const u8) -> usize { p as usize } //~ ERROR M0012 memory index 16777216 is out of range

#[no_mangle]
pub extern "C" fn main(p: #[mem_idx(16776215)] *const u8) -> u8 { edge(p) }
