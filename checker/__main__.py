"""`python -m checker`: the command line."""

from .cli import main

main()
