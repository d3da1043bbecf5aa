#![memory(1, min = 1)]
#![memory(3, memory64, min = 1)]

// Generic over its memory: sizes are `usize`, which a 64-bit memory overflows.
fn generic_size<const M: usize>() -> usize { memory_size::<M>() } //~ ERROR M0010 in instance

fn fine() -> usize { generic_size::<1>() }

fn instantiate() -> usize { generic_size::<3>() }
