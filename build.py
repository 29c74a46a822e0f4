#!/usr/bin/env python3
"""Build the portal: python build.py [build] [--content DIR] [--out DIR] [--base-url URL] [--as-of YYYY-MM-DD]"""

import sys

from portal.cli import main

if __name__ == "__main__":
    sys.exit(main())
