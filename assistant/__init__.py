"""Contact Ethics Assistant: cited answers about therapist contact outside sessions."""

from assistant import config as _config  # noqa: F401  (sets privacy env vars before anything else)
