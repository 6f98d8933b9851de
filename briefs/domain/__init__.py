"""
The ground floor: what a brief is and the rules it keeps, whichever door its
rows come through.

Besides the models (``briefs.models``), it holds partial dates (``dates``),
a brief's Markdown made into safe HTML (``markup``), quotes found word for
word (``quotes``), the rules every door calls (``rules``), the one pass that
settles derived data once per write (``derived``), the publishing service
(``publishing``), the one path by which rows are written (``rows``), and what
a new brief's text proposes (``proposals``). Nothing here imports the reading
site, the admin, the API or the exchange code: they import it.
"""
