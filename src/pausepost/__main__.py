"""`python -m pausepost` is the same as the `pausepost` command."""

import sys

from pausepost.cli import main

sys.exit(main())
