// LINK: lib=linked/lib.rs
// A maximum below the linked memory's; right: a shared import of the shared memory.
#![memory(3, import = "lib.data", max = 3)] //~ ERROR L0004 has max 4 pages, but this file's import says max 3
#![memory(7, import = "lib.shared", shared, min = 1, max = 1)]

fn main() {}
