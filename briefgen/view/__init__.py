"""The view layer: the section registry, the context that formats and translates, the view model."""
