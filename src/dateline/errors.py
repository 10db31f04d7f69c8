"""One catalogue of coded, actionable errors and problem codes.

Fatal input errors raise `DatelineError` (the CLI prints its one-line message and exits
non-zero). Partial failures are recorded on `Article.problems` with the same codes.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # Input (E1xx): fatal for one input.
    EMPTY_INPUT = "E101"
    BINARY_INPUT = "E102"
    TOO_LARGE = "E103"
    UNREADABLE = "E104"
    NOT_FOUND = "E105"
    # Network (E2xx).
    URL_SCHEME = "E201"
    URL_PRIVATE = "E202"
    URL_FETCH = "E203"
    URL_TOO_LARGE = "E204"
    URL_REDIRECTS = "E205"
    URL_STATUS = "E206"
    # Extraction (E3xx): recorded as problems.
    NO_ARTICLE = "E301"
    TRUNCATED_HTML = "E302"
    ENCODING_GUESSED = "E303"
    NO_DATE = "E304"
    BAD_DATE = "E305"
    # Language and analysis (E4xx).
    LANGUAGE_UNSUPPORTED = "E401"
    LANGUAGE_UNKNOWN = "E402"
    MODEL_MISSING = "E403"
    STEP_SKIPPED = "E404"
    STEP_FAILED = "E405"
    TEXT_TOO_LONG = "E406"
    UNBALANCED_QUOTES = "E407"
    # Pipeline and configuration (E5xx): programming or setup errors.
    PIPELINE_ORDER = "E501"
    SETTINGS = "E502"
    LANG_DATA = "E503"
    # Store (E6xx).
    STORE = "E601"


class DatelineError(Exception):
    """A fatal, user-facing error: a code and a one-line, actionable message."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"[{code.value}] {message}")
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code.value}] {self.message}"
