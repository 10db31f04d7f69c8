"""dateline: read news the way a careful desk editor does.

import dateline
article = dateline.read("page.html")   # a path, a URL or bytes
print(article.to_dict())
"""

from __future__ import annotations

from .api import read, read_many, read_text
from .article import SCHEMA, Article
from .errors import DatelineError

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Article", "DatelineError", "__version__", "read", "read_many", "read_text"]
