#![memory(1, min = 1, max = 16, export = "secret")]
#![memory(2, import = "other.memory")]
#![memory(3, memory64, min = 1)]
#![memory(4, shared, min = 1, max = 1)]
#![memory(1, min = 2)] //~ ERROR M0011 declared more than once
#![memory(5, min = 4, max = 2)] //~ ERROR M0011 larger than max
#![memory(6, shared, min = 1)] //~ ERROR M0011 needs a `max`
#![memory(0, memory64)] //~ ERROR M0011 memory 0 cannot be a 64-bit memory
#![memory(7, colour = 3)] //~ ERROR M0011 unknown or malformed memory property
#![memory(8, import = "nodot")] //~ ERROR M0011

fn main() {}
