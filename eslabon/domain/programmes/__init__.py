"""Supplier-development programmes: call eligibility rules and subsidy arithmetic.

Pure engine (no Django, no I/O); the programmes app stores rules as JSON and calls it.
"""
