// A pattern that dereferences a reference reads the referenced memory.
fn near_first(r: #[mem_idx(7)] &(u32, u32)) -> u32 {
    let &(a, _) = r; //~ ERROR M0009 dereference accesses memory 7, which this file does not declare
    a
}

fn default_mode(r: #[mem_idx(7)] &(u32, u32)) {
    let (a, _) = r; //~ ERROR M0009 dereference accesses memory 7
}
