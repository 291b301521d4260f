"""Affect: how the user seems to feel, from their words (an estimate, never a fact).

* :mod:`amity.affect.text_emotion` - the 28-label GoEmotions classifier (numpy, artifact loaded lazily)
* :mod:`amity.affect.vad` - label positions in valence/arousal space, Ekman groups, ED mapping
* :mod:`amity.affect.mood` - the slow, smoothed mood across turns and sessions
* :mod:`amity.affect.personality` - a hedged Big Five estimate from word categories
* :mod:`amity.affect.stage` - :class:`~amity.affect.stage.AffectStage`, the turn stage wiring it all in
* :mod:`amity.affect.evaluation` - ``amity eval emotions``

Nothing heavy is imported here; see ``docs/AFFECT.md``.
"""
