"""Word lists and process profiles of the fictional demo cluster (see eslabon/registry/demo.py)."""
