"""`python -m affiche` runs the command line."""

import sys

from affiche.cli import main

sys.exit(main())
