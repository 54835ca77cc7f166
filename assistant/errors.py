"""Every error the product reports to a person, in one place.

Each carries what every channel needs to report it the same way: a stable ``code``, the HTTP
``status`` and the CLI ``exit_code`` (contracts: 0 all went well, 1 some items failed, 2 usage
or file error). Channels catch :class:`AssistantError` once (one FastAPI exception handler,
one CLI handler) instead of listing types. Messages are written for people and never contain
what a person typed.
"""

from __future__ import annotations

from typing import Any


class AssistantError(Exception):
    """Base of every error with a readable message for the person who caused or met it."""

    code: str = "internal_error"
    status: int = 500
    exit_code: int = 2
    headers: dict[str, str] | None = None  # extra HTTP headers of the refusal (e.g. Retry-After)

    def __init__(self, message: str, details: list[Any] | None = None):
        super().__init__(message)
        self.message = message
        self.details: list[Any] = details or []

    def body(self) -> dict[str, Any]:
        """The JSON shape of every refusal: ``{"error", "message", "details"}``."""
        return {"error": self.code, "message": self.message, "details": self.details}


class RequestRejected(AssistantError):
    """A request refused for its form (HTTP-only codes such as ``invalid_json``, ``body_too_large``)."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        details: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message, details)
        self.status = status  # per instance: one class for many HTTP refusals
        self.code = error
        self.headers = headers

    @property
    def error(self) -> str:
        return self.code


class EmptyMessage(AssistantError):
    """The message had no text once cleaned."""

    code = "empty_message"
    status = 422


class UnknownJurisdiction(AssistantError):
    """A place we do not know; the message lists what is accepted."""

    code = "unknown_jurisdiction"
    status = 422


class UnknownCode(AssistantError):
    """A code ID not in the corpus (staff comparisons)."""

    code = "unknown_code"
    status = 422


class IndexUnavailable(AssistantError):
    """The index is missing, stale, built with another model, damaged or unreachable."""

    code = "index_unavailable"
    status = 503


class CorpusError(AssistantError):
    """Corpus files are malformed; ``problems`` holds 'file:line: message' strings."""

    code = "corpus_invalid"

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems), list(problems))
        self.problems = problems


class LLMConfigError(AssistantError):
    """The configured language model cannot be set up (a bad name, a missing package or key)."""

    code = "llm_not_configured"


class LLMUnavailable(AssistantError):
    """The language model failed while answering; callers fall back to the extractive answer."""

    code = "llm_unavailable"
    status = 502


class StaffNotConfigured(AssistantError):
    """The staff area's users file is set but missing or names no usable user (its own HTML page)."""

    code = "staff_not_configured"
    status = 503


class UsageError(AssistantError):
    """A command-line usage or file error: a missing file, a folder where a file was expected."""

    code = "usage_error"
    status = 400


class PolicyFileTooLarge(AssistantError):
    """An uploaded policy (or a DOCX's unpacked content) is over its size limit."""

    code = "policy_file_too_large"
    status = 413


class PolicyFileInvalid(AssistantError):
    """An uploaded policy is not readable text, Markdown or DOCX."""

    code = "policy_file_invalid"
    status = 422
