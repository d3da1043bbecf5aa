// Slices as rustc checks them: `[T]` is unsized, slices are made by borrowing
// arrays or ranges of them, and their methods need the right receiver.

struct Bad {
    data: [u8], //~ ERROR E0277 the size for values of type `[u8]` cannot be known at compilation time
    //~| NOTE a slice `[T]` exists only behind a reference
    len: usize,
}

struct Tail {
    len: usize,
    data: [u8], //~ ERROR E0601 structs whose last field is a slice (`data: [T]`) are not supported yet
}

fn by_value(s: [u32]) {} //~ ERROR E0277 the size for values of type `[u32]`

fn unsized_local(s: &[u32]) -> u32 {
    let v = *s; //~ ERROR E0277 the size for values of type `[u32]` cannot be known at compilation time
    //~| NOTE a slice can be borrowed
    0
}

fn unsized_range(a: [u32; 4]) -> u32 {
    let r = a[1..3]; //~ ERROR E0277
    0
}

fn unsized_argument<T>(x: &T) -> usize {
    size_of::<T>()
}

fn calls_with_slice(s: &[u8]) -> usize {
    unsized_argument(s) //~ ERROR E0277 the size for values of type `[u8]`
    //~| NOTE the generic parameter `T` of `unsized_argument`
}

fn sized_ok(a: &[u32; 3], s: &[u32]) -> usize {
    let t: &[u32] = a;
    let u = &a[..];
    let w = &t[1..];
    let x = &*s;
    a.len() + t.len() + u.len() + w.len() + x.len() + s[0] as usize + a[1..][0] as usize
}

fn element_types(a: &[u32; 2]) {
    let s: &[u8] = a; //~ ERROR E0308
}

fn not_indexable(n: u32, p: *const u32) {
    let a = n[0..1]; //~ ERROR E0608
    let b = &p[..]; //~ ERROR E0608
}

fn mutability(s: &[u32], a: [u32; 2]) {
    s[0] = 1; //~ ERROR E0594
    let m = &mut a[..]; //~ ERROR E0596
    for x in s.iter_mut() {} //~ ERROR E0596
    let p = s.as_mut_ptr(); //~ ERROR E0596
}

fn methods(s: &[u32]) -> usize {
    let it = s.iter(); //~ ERROR E0601 iterators outside a `for` head are not supported yet
    s.first() //~ ERROR E0599
}

fn casts(s: &[u32], m: &mut [u32], a: &[u32; 2]) {
    let p = s as *const u32; //~ ERROR E0606
    let n = s as usize; //~ ERROR E0606
    let r = m as &[u32];
    let t = a as &[u32];
    let b = s as &[u8]; //~ ERROR E0605
}

fn compare(s: &[u32], t: &[u32]) -> bool {
    s == t //~ ERROR E0369
}

fn raw(p: *const [u8]) {} //~ ERROR E0601 raw slice pointers (`*const [T]`) are not supported yet

fn iterate(n: u32) {
    for x in n.iter() {} //~ ERROR E0599 no method named `iter` found for `u32`
}
