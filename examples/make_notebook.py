"""Build and execute examples/notebook.ipynb (outputs kept), from the checkout:

    .venv/bin/python examples/make_notebook.py

It runs the embedded model on the three seed articles (a few minutes on 2
cores, instant when the result cache has them).
"""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent

CELLS = [
    ("markdown", "# Incident summaries in a notebook\n\nThe three seed articles, summarised by the embedded model "
     "through the Python API. Every field carries quotes from the article with character offsets."),
    ("code", "from pathlib import Path\n\nfrom summarizer import Summarizer, to_dataframe\n\n"
     "paths = sorted(Path('../eval/data/seeds/docs').glob('*.txt'))\n[p.name for p in paths]"),
    ("code", "with Summarizer() as s:  # starts the embedded model once, on 127.0.0.1\n"
     "    results = s.summarize_many(paths)  # in order; a failed input would give its error"),
    ("code", "to_dataframe(results)"),
    ("markdown", "One summary, with its evidence (the compact view; `summarize view NAME.json` writes the full page):"),
    ("code", "results[2]"),
    ("code", "c = results[2].casualties\nc.killed, c.injured, [e.quote for e in c.killed_evidence]"),
    ("code", "text = paths[2].read_text(encoding='utf-8')\n"
     "all(text[e.start:e.end] == e.quote for _, e in results[2].evidence())"),
]  # fmt: skip


def main() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(src) if kind == "markdown" else nbformat.v4.new_code_cell(src)
        for kind, src in CELLS
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(
        notebook, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
    ).execute()
    nbformat.write(notebook, HERE / "notebook.ipynb")
    print(HERE / "notebook.ipynb")


if __name__ == "__main__":
    main()
