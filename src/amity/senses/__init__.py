"""Perception beyond words: voice emotion, facial expression, late fusion and the sensing notice.

See ``docs/PERCEPTION.md``. Submodules import their heavy dependencies (opensmile, OpenCV) lazily, so importing
this package costs nothing: ``speech_emotion``, ``face``, ``fusion``, ``sensing``, ``stage``, ``evaluation``.
"""
