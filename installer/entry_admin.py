"""PyInstaller entry point of ``ocop-pos-admin`` (the admin command line)."""

import sys

from pos_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
