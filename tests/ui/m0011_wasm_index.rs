#![memory(1, import = "env.m", min = 1)]
#![memory(2, min = 1, wasm_index = 0)] //~ ERROR M0011 memory 2 cannot take wasm index 0
#![memory(3, min = 1, wasm_index = 2)]

fn main() {}
