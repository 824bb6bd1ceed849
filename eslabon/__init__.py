"""Eslabón: supplier-development hub for the automotive supply chain in Mexico."""

__version__ = "0.1.0"
