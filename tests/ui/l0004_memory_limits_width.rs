// LINK: lib=linked/lib.rs
// The linked memory's address width.
#![memory(5, import = "lib.data", memory64)] //~ ERROR L0004 the linked memory is a 32-bit memory

fn main() {}
