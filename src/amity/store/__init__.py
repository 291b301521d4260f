"""Storage. Values live in ``amity.types``; SQL lives only in this package (SQLite) and ``postgres``."""
