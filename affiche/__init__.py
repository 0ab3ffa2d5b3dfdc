"""affiche: turn calls to action (texts, pages, PDFs, flyers) into events people can find and join.

The flow is ingest → when → extract → resolve → publish; `affiche.pipeline.run` drives it.
"""

import logging

__version__ = "0.1.0"
__all__ = ["__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
