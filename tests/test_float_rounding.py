"""`types.round_f32` (an `f32` literal's value, and every `f32` result of
constant evaluation) against an independent rounding: the exact value
scaled to a 24-bit significand and rounded half to even with integers,
with subnormals and overflow as IEEE 754 defines them. Values are chosen
where rounding is hard: on, next to and a hair away from halfway points
between neighbouring `f32`s, across the normal, subnormal and overflow
ranges."""
from __future__ import annotations

import math
import random
import struct
from fractions import Fraction

import pytest

from compiler.syntax.builder import decimal_value
from compiler.types import round_f32

F32_MAX = Fraction(struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0])


def reference_f32(value: Fraction) -> float:
    """The nearest `f32` to `value`, computed without floats."""
    if value == 0:
        return 0.0
    sign, a = (-1.0 if value < 0 else 1.0), abs(value)
    exponent = a.numerator.bit_length() - a.denominator.bit_length()
    while Fraction(2) ** exponent > a:
        exponent -= 1
    while Fraction(2) ** (exponent + 1) <= a:
        exponent += 1
    step_exponent = max(exponent, -126) - 23  # the spacing of f32s at `a` (subnormals: 2**-149)
    scaled = a / Fraction(2) ** step_exponent
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    twice = 2 * rest
    if twice > scaled.denominator or (twice == scaled.denominator and whole % 2 == 1):
        whole += 1
    result = Fraction(whole) * Fraction(2) ** step_exponent
    if result > F32_MAX:
        return sign * math.inf
    return sign * float(result)


def neighbours(bits: int) -> list[Fraction]:
    """Values at and around the halfway point above the f32 with these bits."""
    low = Fraction(struct.unpack("<f", struct.pack("<I", bits))[0])
    high = Fraction(2) ** 128 if bits + 1 == 0x7F800000 else Fraction(struct.unpack("<f", struct.pack("<I", bits + 1))[0])
    half = (low + high) / 2
    tiny = (high - low) / 10 ** 12
    return [low, half, half - tiny, half + tiny, high]


def sample_bits(rng: random.Random) -> list[int]:
    edges = [0, 1, 2, 0x007FFFFF, 0x00800000, 0x3F800000, 0x4B7FFFFF, 0x4B800000, 0x7F7FFFFE, 0x7F7FFFFF]
    return edges + [rng.randrange(0, 0x7F7FFFFF) for _ in range(400)]


def test_exact_values_round_once_as_ieee_754():
    rng = random.Random(7)
    for bits in sample_bits(rng):
        for value in neighbours(bits):
            for signed in (value, -value):
                assert round_f32(signed) == reference_f32(signed), (bits, signed)


def test_floats_round_once_as_ieee_754():
    rng = random.Random(8)
    for bits in sample_bits(rng):
        for value in neighbours(bits):
            nearest = float(value)  # (the f64 of a value near an f32 halfway point: finite)
            assert round_f32(nearest) == reference_f32(Fraction(nearest)), (bits, nearest)
            assert round_f32(-nearest) == reference_f32(-Fraction(nearest)), (bits, nearest)


def test_double_rounding_through_f64_is_avoided():
    text = "1.0000000596046447753906250001"  # above the halfway point after 1.0; its nearest f64 is on it
    assert Fraction(float(text)) == 1 + Fraction(1, 2 ** 24)
    assert struct.unpack("<f", struct.pack("<f", float(text)))[0] == 1.0  # (what rounding twice gives)
    assert round_f32(decimal_value(text, float(text))) == 1 + 2 ** -23


@pytest.mark.parametrize("text", [
    "16777217.5", "0.1", "3.4028235e38", "3.40282356779733661637539395458142568447e38", "1e-45", "7.006e-46",
    "1_000.000_1", "2.5e-40", "1." + "0" * 600 + "1", "1.17549435e-38f32", "8.589973e9",
])
def test_literal_digits_round_as_their_exact_value(text):
    nearest = float(text.replace("_", "").removesuffix("f32"))
    exact = Fraction(text.replace("_", "").removesuffix("f32"))
    assert round_f32(decimal_value(text, nearest) or nearest) == reference_f32(exact)


def test_literals_without_f32_digits_keep_none():
    assert decimal_value("1e300", 1e300) is None  # (infinity as f32 either way)
    assert decimal_value("1e-300", 1e-300) is None  # (zero either way)
    assert decimal_value("1e-99999999", 0.0) is None  # (no 10**99999999 is ever built)
