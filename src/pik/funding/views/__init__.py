"""Thin HTTP layer of the funding procedures: parse, call a service or selector, render.

One module per seam (applications, contingents, budgets). No view decides who may do what: the
services refuse by themselves; a view answers 404 only for a page the role cannot open at all.
"""
