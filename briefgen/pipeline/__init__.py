"""The pipeline: plans of outputs, atomic writes, packs, batch, watch, and the library API."""
