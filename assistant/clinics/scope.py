"""What a clinic adds to one message, passed through the answer pipeline as one value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.clinics.index import PolicyIndex


@dataclass(frozen=True)
class ClinicScope:
    """A clinic's line in the crisis block and its own policy, cited first.

    ``policy_index`` is a clinic's policy searched in memory (never the shared index), ``policy_id`` a
    policy of the shared corpus; the public pages use ``PUBLIC``, which adds nothing."""

    after_hours: str | None = None
    policy_id: str | None = None
    policy_index: PolicyIndex | None = None


PUBLIC = ClinicScope()
