"""Supplier discovery app: DENUE establishments, their imports and the SCIAN→process map."""
