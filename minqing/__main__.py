"""`python -m minqing`: the same as the `minqing` command."""

from minqing.cli import main

main()
