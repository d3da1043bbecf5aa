// `usize::MAX` as an array length is evaluated like any constant: the type
// is then too big (it was "an associated const that depends on generic
// parameters"). (tests/ui/const_paths_as_lengths.rs: the other paths.)
static HUGE: [u8; usize::MAX] = [0; usize::MAX]; //~ ERROR T0001 values of the type `[u8; 4294967295]` are too big for wasm32
//~| NOTE a type can be at most 2147483647 bytes
