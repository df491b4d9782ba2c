"""``python -m qantar``: the same as the ``qantar`` command."""

import sys

from ._cli import main

sys.exit(main())
