"""Amity's safety layer: crisis protocol, honesty, AI disclosure, minor mode, the manipulation guard,
healthy attachment, sensing controls and the safety log. See ``docs/SAFETY.md``."""
