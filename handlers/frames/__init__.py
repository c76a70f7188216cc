"""Budget frames per domain and year, what counts against them, priority lists, and board-paper exports
(issue 16). Importing the package registers its sentences in handlers/texts.py."""

from handlers.frames import reorder_texts as _reorder_texts  # noqa: F401  (the reorder form's sentences)
from handlers.frames import texts as _texts  # noqa: F401  (registers the frame sentences)
