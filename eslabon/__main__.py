"""Allow `python -m eslabon ...` as a synonym of the `eslabon` command."""

from eslabon.cli.main import main

raise SystemExit(main())
