"""Mono: typed generic Program -> monomorphized Program (every type concrete)."""
