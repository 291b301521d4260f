"""Your relationship is yours: encryption at rest, export/import, deletion, backup."""
