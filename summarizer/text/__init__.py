"""Text handling: reading inputs, sentences and offsets, and the rules that read
figures, places and event types from words. The bottom layer beside the
schema: it imports nothing above it (pyproject.toml, [tool.importlinter])."""
