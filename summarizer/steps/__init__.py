"""The questions the pipeline asks: each step's draft, lead sentences and
merge (`definitions`), and their prompts rendered from the top-level
`prompts/` templates (`prompts`)."""
