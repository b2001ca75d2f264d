"""Summaries for people: Markdown, table rows and the notebook table
(`records`), and the self-contained HTML evidence view (`view`)."""
