"""Clinics: the configuration of each clinic that puts the widget on its site (``clinics/<id>.toml``).

* ``config``: the pydantic model of one file and its loader (errors name the file and line).
* ``index``: a clinic's own policy files, indexed in memory (never in the shared collection).
* ``registry``: every clinic of ``ASSISTANT_CLINICS_DIR``, reloaded when a file changes; a broken
  edit keeps the last good configuration and logs why.
* ``scope``: what a clinic adds to one message (its after-hours line, its policy), as the pipeline takes it.
* ``limits``: per-clinic daily caps, per-visitor limits and the anonymous weekly counts, on the
  rate limiter's storage (memory, or Redis when ``ASSISTANT_REDIS_URL`` is set).
"""
