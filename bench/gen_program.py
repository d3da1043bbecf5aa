"""Generates a large, valid farc program (for compile-speed measurements and
the front-end speed test): many functions with loops, arithmetic, structs,
far pointers and generic calls. `generate(lines)` returns about that many lines."""
from __future__ import annotations

HEADER = """#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[repr(C)]
struct Pair { a: u32, b: u64 }

fn sum<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { *p.add(i) });
        i += 1;
    }
    total
}
"""

TEMPLATE = """
#[no_mangle]
pub extern "C" fn work_{n}(x: u32, y: u32) -> u32 {{
    let mut acc: u32 = x ^ {n};
    let mut i = 0u32;
    while i < y {{
        acc = acc.wrapping_mul(31).wrapping_add(i * {k});
        if acc % 3 == 0 {{ acc += 1; }} else {{ acc -= 1; }}
        i += 1;
    }}
    let pair = Pair {{ a: acc, b: (acc as u64) << 3 }};
    let far = ({n} * 4) as #[mem_idx({m})] *mut u32;
    unsafe {{
        *far = pair.a + pair.b as u32;
        acc = acc + sum(far as #[mem_idx({m})] *const u32, 1);
    }}
    let arr = [acc, x, y, {n}];
    arr[(x % 4) as usize] + arr[0] * 2
}}
"""


def generate(lines: int = 10_000) -> str:
    per_function = TEMPLATE.count("\n")
    count = max(1, (lines - HEADER.count("\n")) // per_function)
    body = "".join(TEMPLATE.format(n=i, k=i % 7 + 1, m=1 + i % 2) for i in range(count))
    return HEADER + body


if __name__ == "__main__":
    import sys
    print(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
