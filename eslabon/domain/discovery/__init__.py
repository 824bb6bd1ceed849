"""Supplier discovery from INEGI's DENUE directory: pure parsing, mapping and matching.

Readers and rules here take plain data; the `eslabon.discovery` app stores and queries it.
"""
