"""Syntax: source text -> lark parse tree (LALR) -> AST (`ast.py`)."""
