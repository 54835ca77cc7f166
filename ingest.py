"""Build or update the search index from corpus/: `python ingest.py [--check]`."""

from assistant.ingest_cli import main

if __name__ == "__main__":
    raise SystemExit(main())
