"""Allow ``python -m lpse_desk``."""

from lpse_desk.cli.main import run

run()
