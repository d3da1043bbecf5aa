// A far slice's elements are read in its memory, which must be declared,
// also when the memory comes from a generic function's instance.
#![memory(1, min = 1)]

fn first<const M: usize>(s: #[mem_idx(M)] &[u8]) -> u8 {
    let _n = s.len(); // the length is part of the slice value: no access
    let _rest = &s[1..]; // neither is a sub-slice
    s[0] //~ ERROR M0009 indexing the slice accesses memory 4, which this file does not declare (in instance `first<4>`)
}

fn total<const N: usize>(s: #[mem_idx(N)] &[u8]) -> u32 {
    let mut t = 0;
    for x in s.iter() {
        t += *x as u32; //~ ERROR M0009 dereference accesses memory 5, which this file does not declare (in instance `total<5>`)
    }
    t
}

fn declared(s: #[mem_idx(1)] &[u8]) -> u8 {
    first(s) + total(s) as u8
}

fn undeclared(s: #[mem_idx(4)] &[u8], t: #[mem_idx(5)] &[u8]) -> u8 {
    first(s) + total(t) as u8
}
