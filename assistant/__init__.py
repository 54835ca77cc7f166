"""Contact Ethics Assistant: cited answers about therapist contact outside sessions."""

from assistant import privacy as _privacy  # noqa: F401  (privacy env defaults before any other import)
