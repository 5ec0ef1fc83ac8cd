"""`python -m nlp_classifier`."""

import sys

from nlp_classifier.cli import main

sys.exit(main())
