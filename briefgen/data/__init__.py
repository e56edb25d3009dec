"""The data layer: load YAML with its marks, merge the layers, validate into the typed Profile."""
