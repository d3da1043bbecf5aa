"""Check: AST -> resolved, typed tree (`tree.py`), enforcing the memory rules."""
