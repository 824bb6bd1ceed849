"""Versioned data files shipped with Eslabón (taxonomies, tables, questionnaires) and loaders.

Facts live here as data, not as branches in code; loaders are pure and cached.
"""
