"""``python -m pos_app.cli``: the admin command line."""

import sys

from pos_app.cli import main

sys.exit(main())
