"""`python -m scheduler` is the `coopwatch` command."""

import sys

from scheduler.cli import main

sys.exit(main())
