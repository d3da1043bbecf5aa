// LINK: lib=linked/lib.rs
// An imported memory is declared with the linked memory's flags and limits.
// (Each file imports a linked memory at most once: two declarations of one
// import are M0011. More cases: l0004_memory_limits_*.rs.)
#![memory(1, import = "lib.memory", max = 2)] //~ ERROR L0004 memory 1 does not match `lib.memory`: the linked memory has no max, but this file's import says max 2
#![memory(2, import = "lib.data", min = 3)] //~ ERROR L0004 the linked memory has min 2 pages, below this file's min 3
#![memory(4, import = "lib.shared", min = 1, max = 1)] //~ ERROR L0004 the linked memory is shared

fn main() {}
