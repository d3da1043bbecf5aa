"""Writes stdlib/core/num.rs: the integer types' methods (`checked_add`,
`overflowing_mul`, `count_ones`, `to_le_bytes`, ...), one inherent impl per
type, as Rust's libcore writes them with its `int_impl!`/`uint_impl!` macros.
farc has no macros, so this script is the one home of those bodies: edit it
and run `python scripts/gen_core_num.py` (tests/test_stdlib_core.py checks
that num.rs is what it writes).

Each body means what Rust's means with overflow checks off (farc's
arithmetic wraps; a division by zero traps where Rust panics).
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "stdlib" / "core" / "num.rs"

#: name -> (bits, signed); usize and isize are 32-bit on wasm32
TYPES = {
    "u8": (8, False), "u16": (16, False), "u32": (32, False), "u64": (64, False), "usize": (32, False),
    "i8": (8, True), "i16": (16, True), "i32": (32, True), "i64": (64, True), "isize": (32, True),
}


def unsigned_of(name: str) -> str:
    return "usize" if name == "isize" else "u" + name[1:] if name.startswith("i") else name


def body(t: str) -> str:
    bits, signed = TYPES[t]
    u = unsigned_of(t)
    nbytes = bits // 8
    wide = ("i64" if signed else "u64") if bits < 64 else None
    out: list[str] = []
    add = out.append

    # ----- overflowing arithmetic: the wrapped result and whether it overflowed
    if signed:
        add(f"""    /// `self + rhs` wrapped, and whether the sum overflowed.
    pub fn overflowing_add(self, rhs: {t}) -> ({t}, bool) {{
        let r = self.wrapping_add(rhs);
        (r, (rhs < 0) != (r < self))
    }}

    /// `self - rhs` wrapped, and whether the difference overflowed.
    pub fn overflowing_sub(self, rhs: {t}) -> ({t}, bool) {{
        let r = self.wrapping_sub(rhs);
        (r, (rhs < 0) != (r > self))
    }}
""")
    else:
        add(f"""    /// `self + rhs` wrapped, and whether the sum overflowed.
    pub fn overflowing_add(self, rhs: {t}) -> ({t}, bool) {{
        let r = self.wrapping_add(rhs);
        (r, r < self)
    }}

    /// `self - rhs` wrapped, and whether the difference overflowed.
    pub fn overflowing_sub(self, rhs: {t}) -> ({t}, bool) {{
        (self.wrapping_sub(rhs), self < rhs)
    }}
""")
    if wide is not None:
        add(f"""    /// `self * rhs` wrapped, and whether the product overflowed.
    pub fn overflowing_mul(self, rhs: {t}) -> ({t}, bool) {{
        let exact = (self as {wide}) * (rhs as {wide});
        let r = exact as {t};
        (r, r as {wide} != exact)
    }}
""")
    elif signed:  # i64: the product of the magnitudes, and whether it fits the sign's range
        add(f"""    /// `self * rhs` wrapped, and whether the product overflowed.
    pub fn overflowing_mul(self, rhs: {t}) -> ({t}, bool) {{
        let (magnitude, overflowed) = self.unsigned_abs().overflowing_mul(rhs.unsigned_abs());
        let limit = if (self < 0) != (rhs < 0) {{ 1u64 << 63 }} else {{ (1u64 << 63) - 1 }};
        (self.wrapping_mul(rhs), overflowed || magnitude > limit)
    }}
""")
    else:  # u64 in 32-bit halves (LLVM would turn a division check into a 128-bit multiply, a libcall wasm lacks)
        add(f"""    /// `self * rhs` wrapped, and whether the product overflowed.
    pub fn overflowing_mul(self, rhs: {t}) -> ({t}, bool) {{
        let (a_hi, a_lo) = (self >> 32, self & 0xffff_ffff);
        let (b_hi, b_lo) = (rhs >> 32, rhs & 0xffff_ffff);
        let r = self.wrapping_mul(rhs);
        if a_hi != 0 && b_hi != 0 {{
            return (r, true);
        }}
        let cross = a_hi * b_lo + a_lo * b_hi; // one of the two is 0: below 2^64
        if cross > 0xffff_ffff {{
            return (r, true);
        }}
        let low = a_lo * b_lo;
        (r, (cross << 32).overflowing_add(low).1)
    }}
""")
    add(f"""    /// `-self` wrapped, and whether it overflowed.
    pub fn overflowing_neg(self) -> ({t}, bool) {{
        (self.wrapping_neg(), {"self == " + t + "::MIN" if signed else "self != 0"})
    }}

    /// `0 - self`, wrapped.
    pub fn wrapping_neg(self) -> {t} {{
        (0 as {t}).wrapping_sub(self)
    }}
""")

    # ----- checked arithmetic: None where the result does not fit (or the divisor is zero)
    for op, word in (("add", "sum"), ("sub", "difference"), ("mul", "product")):
        add(f"""    /// The {word}, or `None` if it overflows.
    pub fn checked_{op}(self, rhs: {t}) -> Option<{t}> {{
        let (r, overflowed) = self.overflowing_{op}(rhs);
        if overflowed {{ None }} else {{ Some(r) }}
    }}
""")
    overflow = f" || (self == {t}::MIN && rhs == -1)" if signed else ""
    add(f"""    /// `self / rhs`, or `None` if `rhs` is 0{" or the quotient overflows (`MIN / -1`)" if signed else ""}.
    pub fn checked_div(self, rhs: {t}) -> Option<{t}> {{
        if rhs == 0{overflow} {{ None }} else {{ Some(self / rhs) }}
    }}

    /// `self % rhs`, or `None` if `rhs` is 0{" or the division overflows (`MIN % -1`)" if signed else ""}.
    pub fn checked_rem(self, rhs: {t}) -> Option<{t}> {{
        if rhs == 0{overflow} {{ None }} else {{ Some(self % rhs) }}
    }}

    /// `-self`, or `None` if it overflows.
    pub fn checked_neg(self) -> Option<{t}> {{
        let (r, overflowed) = self.overflowing_neg();
        if overflowed {{ None }} else {{ Some(r) }}
    }}

    /// `self << rhs`, or `None` if `rhs` is not below {bits}.
    pub fn checked_shl(self, rhs: u32) -> Option<{t}> {{
        if rhs < {bits} {{ Some(self << rhs) }} else {{ None }}
    }}

    /// `self >> rhs`, or `None` if `rhs` is not below {bits}.
    pub fn checked_shr(self, rhs: u32) -> Option<{t}> {{
        if rhs < {bits} {{ Some(self >> rhs) }} else {{ None }}
    }}

    /// `self` to the power `exp`, or `None` if it overflows (by squaring, as Rust).
    pub fn checked_pow(self, exp: u32) -> Option<{t}> {{
        if exp == 0 {{
            return Some(1);
        }}
        let mut base = self;
        let mut acc: {t} = 1;
        let mut e = exp;
        loop {{
            if (e & 1) == 1 {{
                acc = match acc.checked_mul(base) {{
                    Some(v) => v,
                    None => return None,
                }};
                if e == 1 {{
                    return Some(acc);
                }}
            }}
            e /= 2;
            base = match base.checked_mul(base) {{
                Some(v) => v,
                None => return None,
            }};
        }}
    }}
""")

    # ----- wrapping and saturating arithmetic
    if signed:
        add(f"""    /// `self / rhs`, where `MIN / -1` wraps to `MIN`; a zero `rhs` traps (Rust panics).
    pub fn wrapping_div(self, rhs: {t}) -> {t} {{
        if self == {t}::MIN && rhs == -1 {{ {t}::MIN }} else {{ self / rhs }}
    }}

    /// `self % rhs`, where `MIN % -1` is 0; a zero `rhs` traps (Rust panics).
    pub fn wrapping_rem(self, rhs: {t}) -> {t} {{
        if self == {t}::MIN && rhs == -1 {{ 0 }} else {{ self % rhs }}
    }}
""")
    else:
        add(f"""    /// `self / rhs` (never overflows); a zero `rhs` traps (Rust panics).
    pub fn wrapping_div(self, rhs: {t}) -> {t} {{
        self / rhs
    }}

    /// `self % rhs` (never overflows); a zero `rhs` traps (Rust panics).
    pub fn wrapping_rem(self, rhs: {t}) -> {t} {{
        self % rhs
    }}
""")
    add(f"""    /// `self << (rhs % {bits})`.
    pub fn wrapping_shl(self, rhs: u32) -> {t} {{
        self << (rhs & {bits - 1})
    }}

    /// `self >> (rhs % {bits})`.
    pub fn wrapping_shr(self, rhs: u32) -> {t} {{
        self >> (rhs & {bits - 1})
    }}

    /// `self` to the power `exp`, wrapped (by squaring).
    pub fn wrapping_pow(self, exp: u32) -> {t} {{
        let mut base = self;
        let mut acc: {t} = 1;
        let mut e = exp;
        while e > 0 {{
            if (e & 1) == 1 {{
                acc = acc.wrapping_mul(base);
            }}
            e /= 2;
            base = base.wrapping_mul(base);
        }}
        acc
    }}

    /// `self` to the power `exp`; it wraps on overflow, as Rust's does without overflow checks.
    pub fn pow(self, exp: u32) -> {t} {{
        self.wrapping_pow(exp)
    }}

    /// `self` to the power `exp`, and whether it overflowed.
    pub fn overflowing_pow(self, exp: u32) -> ({t}, bool) {{
        (self.wrapping_pow(exp), self.checked_pow(exp).is_none())
    }}
""")
    if signed:
        add(f"""    /// The sum, clamped to `MIN..=MAX`.
    pub fn saturating_add(self, rhs: {t}) -> {t} {{
        match self.checked_add(rhs) {{
            Some(v) => v,
            None => if rhs < 0 {{ {t}::MIN }} else {{ {t}::MAX }},
        }}
    }}

    /// The difference, clamped to `MIN..=MAX`.
    pub fn saturating_sub(self, rhs: {t}) -> {t} {{
        match self.checked_sub(rhs) {{
            Some(v) => v,
            None => if rhs < 0 {{ {t}::MAX }} else {{ {t}::MIN }},
        }}
    }}

    /// The product, clamped to `MIN..=MAX`.
    pub fn saturating_mul(self, rhs: {t}) -> {t} {{
        match self.checked_mul(rhs) {{
            Some(v) => v,
            None => if (self < 0) != (rhs < 0) {{ {t}::MIN }} else {{ {t}::MAX }},
        }}
    }}

    /// `-self`, with `-MIN` clamped to `MAX`.
    pub fn saturating_neg(self) -> {t} {{
        if self == {t}::MIN {{ {t}::MAX }} else {{ -self }}
    }}

    /// `|self|`, with `|MIN|` clamped to `MAX`.
    pub fn saturating_abs(self) -> {t} {{
        if self == {t}::MIN {{ {t}::MAX }} else {{ self.abs() }}
    }}
""")
    else:
        add(f"""    /// The sum, clamped to `MAX`.
    pub fn saturating_add(self, rhs: {t}) -> {t} {{
        match self.checked_add(rhs) {{
            Some(v) => v,
            None => {t}::MAX,
        }}
    }}

    /// The difference, clamped to 0.
    pub fn saturating_sub(self, rhs: {t}) -> {t} {{
        match self.checked_sub(rhs) {{
            Some(v) => v,
            None => 0,
        }}
    }}

    /// The product, clamped to `MAX`.
    pub fn saturating_mul(self, rhs: {t}) -> {t} {{
        match self.checked_mul(rhs) {{
            Some(v) => v,
            None => {t}::MAX,
        }}
    }}
""")

    # ----- bits
    if signed:
        add(f"""    /// How many bits are 1.
    pub fn count_ones(self) -> u32 {{
        (self as {u}).count_ones()
    }}

    /// How many leading (most significant) bits are 0.
    pub fn leading_zeros(self) -> u32 {{
        (self as {u}).leading_zeros()
    }}

    /// How many trailing (least significant) bits are 0.
    pub fn trailing_zeros(self) -> u32 {{
        (self as {u}).trailing_zeros()
    }}

    /// The bits shifted left by `n`, those shifted out coming back in on the right.
    pub fn rotate_left(self, n: u32) -> {t} {{
        (self as {u}).rotate_left(n) as {t}
    }}

    /// The bits shifted right by `n`, those shifted out coming back in on the left.
    pub fn rotate_right(self, n: u32) -> {t} {{
        (self as {u}).rotate_right(n) as {t}
    }}

    /// The bytes in the opposite order.
    pub fn swap_bytes(self) -> {t} {{
        (self as {u}).swap_bytes() as {t}
    }}

    /// The bits in the opposite order.
    pub fn reverse_bits(self) -> {t} {{
        (self as {u}).reverse_bits() as {t}
    }}
""")
    else:
        swap = "        self\n" if bits == 8 else f"""        let mut r: {t} = 0;
        let mut x = self;
        let mut i = 0;
        while i < {nbytes} {{
            r = (r << 8) | (x & 0xff);
            x >>= 8;
            i += 1;
        }}
        r
"""
        add(f"""    /// How many bits are 1.
    pub fn count_ones(self) -> u32 {{
        let mut x = self;
        let mut n = 0;
        while x != 0 {{
            x &= x - 1;
            n += 1;
        }}
        n
    }}

    /// How many leading (most significant) bits are 0.
    pub fn leading_zeros(self) -> u32 {{
        if self == 0 {{
            return {bits};
        }}
        let mut x = self;
        let mut n = 0;
        while x & (1 << {bits - 1}) == 0 {{
            x <<= 1;
            n += 1;
        }}
        n
    }}

    /// How many trailing (least significant) bits are 0.
    pub fn trailing_zeros(self) -> u32 {{
        if self == 0 {{
            return {bits};
        }}
        let mut x = self;
        let mut n = 0;
        while x & 1 == 0 {{
            x >>= 1;
            n += 1;
        }}
        n
    }}

    /// The bits shifted left by `n`, those shifted out coming back in on the right.
    pub fn rotate_left(self, n: u32) -> {t} {{
        let k = n % {bits};
        if k == 0 {{ self }} else {{ (self << k) | (self >> ({bits} - k)) }}
    }}

    /// The bits shifted right by `n`, those shifted out coming back in on the left.
    pub fn rotate_right(self, n: u32) -> {t} {{
        let k = n % {bits};
        if k == 0 {{ self }} else {{ (self >> k) | (self << ({bits} - k)) }}
    }}

    /// The bytes in the opposite order.
    pub fn swap_bytes(self) -> {t} {{
{swap}    }}

    /// The bits in the opposite order.
    pub fn reverse_bits(self) -> {t} {{
        let mut r: {t} = 0;
        let mut x = self;
        let mut i = 0;
        while i < {bits} {{
            r = (r << 1) | (x & 1);
            x >>= 1;
            i += 1;
        }}
        r
    }}

    /// Whether exactly one bit is 1.
    pub fn is_power_of_two(self) -> bool {{
        self != 0 && (self & (self - 1)) == 0
    }}
""")
    add(f"""    /// How many bits are 0.
    pub fn count_zeros(self) -> u32 {{
        (!self).count_ones()
    }}

    /// How many leading (most significant) bits are 1.
    pub fn leading_ones(self) -> u32 {{
        (!self).leading_zeros()
    }}

    /// How many trailing (least significant) bits are 1.
    pub fn trailing_ones(self) -> u32 {{
        (!self).trailing_zeros()
    }}
""")

    # ----- order and sign
    add(f"""    /// The smaller of the two.
    pub fn min(self, other: {t}) -> {t} {{
        if other < self {{ other }} else {{ self }}
    }}

    /// The larger of the two.
    pub fn max(self, other: {t}) -> {t} {{
        if other < self {{ self }} else {{ other }}
    }}

    /// `self` limited to `min..=max`; `min > max` traps (Rust panics).
    pub fn clamp(self, min: {t}, max: {t}) -> {t} {{
        if min > max {{
            crate::intrinsics::abort();
        }}
        if self < min {{ min }} else if self > max {{ max }} else {{ self }}
    }}
""")
    if signed:
        add(f"""    /// `|self|`; `MIN.abs()` wraps to `MIN`, as Rust's does without overflow checks.
    pub fn abs(self) -> {t} {{
        if self < 0 {{ -self }} else {{ self }}
    }}

    /// `|self|`, wrapped (`MIN` stays `MIN`).
    pub fn wrapping_abs(self) -> {t} {{
        self.abs()
    }}

    /// `|self|`, or `None` for `MIN`.
    pub fn checked_abs(self) -> Option<{t}> {{
        if self == {t}::MIN {{ None }} else {{ Some(self.abs()) }}
    }}

    /// `|self|` as the unsigned type (exact for every value).
    pub fn unsigned_abs(self) -> {u} {{
        self.abs() as {u}
    }}

    /// `|self - other|`, exact in the unsigned type.
    pub fn abs_diff(self, other: {t}) -> {u} {{
        if self < other {{ (other as {u}).wrapping_sub(self as {u}) }} else {{ (self as {u}).wrapping_sub(other as {u}) }}
    }}

    /// -1, 0 or 1 as `self` is negative, zero or positive.
    pub fn signum(self) -> {t} {{
        if self < 0 {{ -1 }} else if self == 0 {{ 0 }} else {{ 1 }}
    }}

    /// Whether `self > 0`.
    pub fn is_positive(self) -> bool {{
        self > 0
    }}

    /// Whether `self < 0`.
    pub fn is_negative(self) -> bool {{
        self < 0
    }}
""")
    else:
        add(f"""    /// `|self - other|`.
    pub fn abs_diff(self, other: {t}) -> {t} {{
        if self < other {{ other - self }} else {{ self - other }}
    }}
""")

    # ----- bytes (wasm is little-endian: the native order is little-endian)
    add(f"""    /// The bytes, least significant first.
    pub fn to_le_bytes(self) -> [u8; {nbytes}] {{
        let mut bytes = [0u8; {nbytes}];
        let mut i = 0;
        while i < {nbytes} {{
            bytes[i] = (self >> (8 * i)) as u8;
            i += 1;
        }}
        bytes
    }}

    /// The bytes, most significant first.
    pub fn to_be_bytes(self) -> [u8; {nbytes}] {{
        self.swap_bytes().to_le_bytes()
    }}

    /// The bytes in memory order (little-endian on wasm).
    pub fn to_ne_bytes(self) -> [u8; {nbytes}] {{
        self.to_le_bytes()
    }}

    /// The value of the bytes, least significant first.
    pub fn from_le_bytes(bytes: [u8; {nbytes}]) -> {t} {{
        let mut r: {t} = 0;
        let mut i = 0;
        while i < {nbytes} {{
            r |= (bytes[i] as {t}) << (8 * i);
            i += 1;
        }}
        r
    }}

    /// The value of the bytes, most significant first.
    pub fn from_be_bytes(bytes: [u8; {nbytes}]) -> {t} {{
        {t}::from_le_bytes(bytes).swap_bytes()
    }}

    /// The value of the bytes in memory order (little-endian on wasm).
    pub fn from_ne_bytes(bytes: [u8; {nbytes}]) -> {t} {{
        {t}::from_le_bytes(bytes)
    }}

    /// `self` in little-endian order (itself on wasm).
    pub fn to_le(self) -> {t} {{
        self
    }}

    /// `self` in big-endian order (its bytes swapped on wasm).
    pub fn to_be(self) -> {t} {{
        self.swap_bytes()
    }}
""")
    return "\n".join(out)


def render() -> str:
    parts = ["""//! The integer types' methods (`core::num`), one inherent impl per type.
//! GENERATED by scripts/gen_core_num.py (Rust's libcore writes these with
//! macros; farc has none): edit the script, not this file.
//!
//! Every method means what Rust's means with overflow checks off: farc's
//! arithmetic wraps, and a division by zero traps where Rust panics.
//! `MIN`, `MAX`, `BITS` and `wrapping_add`/`_sub`/`_mul` are the compiler's
//! (docs/reference.md).
"""]
    for t in TYPES:
        parts.append(f"\nimpl {t} {{\n{body(t).rstrip()}\n}}\n")
    return "".join(parts)


def main(argv: list[str]) -> int:
    OUT.write_text(render())
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
