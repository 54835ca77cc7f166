"""Build or update the search index from corpus/: `python ingest.py [--check]` (= `python -m assistant ingest`)."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["ingest", *sys.argv[1:]]))
