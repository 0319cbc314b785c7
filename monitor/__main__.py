"""``python -m monitor``."""

from monitor.cli import main

if __name__ == "__main__":  # the parser pool's forkserver imports __main__ once
    main()
