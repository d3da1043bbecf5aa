fn unknown_param(_: #[mem_idx(M)] *const u8) {} //~ ERROR M0012 `M` is not a const generic parameter

const MEM: usize = 3;
fn const_item(_: #[mem_idx(MEM)] *const u8) {}

fn too_large(_: #[mem_idx(4294967296)] *const u8) {} //~ ERROR M0012 memory index 4294967296 is out of range: farc supports memory indices 0 to 16776215
