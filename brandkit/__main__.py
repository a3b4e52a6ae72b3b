from brandkit.cli import main

raise SystemExit(main())
