"""The command line: parse flags, call one function, print, map errors to exit codes.

Exit codes: 0 ok, 1 user error (bad profile, refused folder), 2 usage error (argparse).
Only this module prints and exits. Imports stay inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from brandkit import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brandkit",
        description="One YAML profile → personal site, business card and intro scripts.",
        epilog="Messages follow BRANDKIT_LANG=ja|en (else your locale).")
    parser.add_argument("--version", action="version", version=f"brandkit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create a new site folder with a filled-in profile")
    init.add_argument("folder", type=Path, help="folder to create (may exist if empty)")
    init.add_argument("--lang", default="ja,en",
                      help="languages, primary first: ja, en, ja,en or en,ja (default ja,en)")

    build = commands.add_parser("build", help="build the site into <folder>/_site")
    build.add_argument("folder", type=Path, nargs="?", default=Path("."),
                       help="site folder holding profile.yaml (default: here)")
    build.add_argument("--out", type=Path, help="output folder (default: site.output, _site)")
    build.add_argument("--base-url", help="public address, e.g. from actions/configure-pages")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    check = commands.add_parser("check", help="validate the profile and give advice; writes nothing")
    check.add_argument("folder", type=Path, nargs="?", default=Path("."))
    check.add_argument("--strict", action="store_true", help="exit 1 when there is advice too")

    commands.add_parser("schema", help="print the profile's JSON Schema")
    for sub in (init, build, check):
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks for errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from brandkit.errors import BrandkitError

    try:
        return _COMMANDS[args.command](args)
    except BrandkitError as exc:
        if args.debug:
            raise
        print(f"brandkit: {exc}" if not hasattr(exc, "problems") else str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _init(args: argparse.Namespace) -> int:
    from brandkit.scaffold import init

    langs = [part.strip() for part in args.lang.split(",") if part.strip()]
    written = init(args.folder, langs)
    for path in written:
        print(f"  created {args.folder / path}")
    print(f"Next: edit {args.folder / 'profile.yaml'}, then `brandkit build {args.folder}`.")
    return 0


def _build(args: argparse.Namespace) -> int:
    import time

    from brandkit.build import build

    started = time.perf_counter()
    report = build(args.folder, out=args.out, base_url=args.base_url)
    if not args.quiet:
        ms = (time.perf_counter() - started) * 1000
        print(f"Built {report.total} files into {_shown(report.out)} in {ms:.0f} ms "
              f"({len(report.written)} written, {len(report.unchanged)} unchanged, "
              f"{len(report.removed)} removed).")
        for note in report.notes:
            print(note)
    return 0


def _check(args: argparse.Namespace) -> int:
    from brandkit.build import check
    from brandkit.messages import say

    advice = check(args.folder)
    for item in advice:
        print(item)
    if advice:
        print(say("warnings_found", count=len(advice)))
    else:
        print("OK")
    return 1 if (advice and args.strict) else 0


def _schema(args: argparse.Namespace) -> int:
    from brandkit.profile.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _shown(path: Path) -> str:
    from brandkit.profile import shown_path
    return shown_path(path)


_COMMANDS = {"init": _init, "build": _build, "check": _check, "schema": _schema}
