"""Everything that draws: the Textual apps, their screens and widgets, themes and rendering."""
