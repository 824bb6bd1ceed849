"""Bills of materials of the demo goods, in the upload columns (docs/origin.md)."""
