"""LLM backends. The interface is :class:`amity.llm.base.LLM`; backends register by URI scheme."""
