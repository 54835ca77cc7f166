"""`python -m assistant ...`: see assistant.cli."""

from assistant.cli import main

raise SystemExit(main())
