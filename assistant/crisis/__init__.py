"""Crisis safety layer: screening, jurisdiction-aware resources and the crisis block.

The pipeline calls ``detector.CrisisDetector.assess`` on every user message (with the recent
conversation), and when the tier is not ``none`` shows ``response.build_crisis_block`` before
anything else in the reply; ``response.crisis_only_text`` and ``response.framing`` give the
sentences around the block in the person's language. Only the vocabulary is re-exported here, so
that the reply schema can import it without loading the detector.
"""

from assistant.crisis.types import Assessment, Category, Tier

__all__ = ["Assessment", "Category", "Tier"]
