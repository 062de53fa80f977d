import sys

from symact.cli import main

sys.exit(main())
