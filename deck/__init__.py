"""deck: YAML slide decks in the terminal, with confidence labels, sources and speaker notes."""

__version__ = "0.1.0"
