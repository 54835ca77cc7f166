"""Start the web app: `python app.py` (or `make run`; the same as `python -m assistant serve`)."""

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve"]))
