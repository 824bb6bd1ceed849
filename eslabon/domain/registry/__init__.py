"""Pure rules of the supplier registry: Mexican size stratification and RFC format."""
