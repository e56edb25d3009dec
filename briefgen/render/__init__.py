"""Renderers: one module per output format, each turning a Briefing into bytes or text."""
