"""The command line: parse flags, call one function, print, map errors to exit codes.

Exit codes: 0 ok, 1 user error (bad profile, refused folder), 2 usage error (argparse, or
a `UsageError`: a command-line value only the command can judge, such as a branch name).
Only this module prints and exits. Imports stay inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import sys

from brandkit import __version__

TYPE_CHECKING = False  # not typing's: importing typing is ~6 ms that --help need not pay
if TYPE_CHECKING:
    from pathlib import Path


class _Parser(argparse.ArgumentParser):
    """argparse, minus its import of shutil (and of the compression modules shutil
    imports, ~5 ms that --help need not pay) just to learn the terminal's width.
    Sub-commands' parsers are of this class too (add_subparsers uses the parent's)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _formatter(prog: str) -> argparse.HelpFormatter:
    # shutil.get_terminal_size's rule: $COLUMNS, else the terminal, else 80 columns.
    import os

    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            width = 0
    return argparse.HelpFormatter(prog, width=(width or 80) - 2)


ALL = "*"


def _parser(command: str | None = ALL) -> argparse.ArgumentParser:
    """The command line. Every sub-command is listed, but only ``command``'s arguments
    are added (ALL: every one's): argparse takes ~7 ms to set up all of them, most of
    what ``brandkit --help`` costs after Python itself."""
    parser = _Parser(
        prog="brandkit",
        description="One YAML profile → personal site, business card and intro scripts.",
        epilog="Messages follow BRANDKIT_LANG=ja|en (else your locale).")
    parser.add_argument("--version", action="version", version=f"brandkit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    subs = {
        "init": commands.add_parser("init", help="create a new site folder with a filled-in profile"),
        "build": commands.add_parser("build", help="build the site into <folder>/_site"),
        "check": commands.add_parser("check", help="validate the profile and give advice; writes nothing"),
        "watch": commands.add_parser("watch", help="build, then rebuild on every save"),
        "serve": commands.add_parser(
            "serve", help="watch, and preview on http://127.0.0.1:8000 with live reload"),
        "ci": commands.add_parser(
            "ci", help="write the GitHub Pages workflow (.github/workflows/pages.yml)"),
        "deploy": commands.add_parser(
            "deploy", help="build, commit the built site to the gh-pages branch, push it"),
        "import": commands.add_parser(
            "import", help="create a new site folder from a JSON Resume or a LinkedIn data export"),
        "export": commands.add_parser(
            "export", help="write the profile as JSON Resume (resume.json, one per language)"),
    }
    commands.add_parser("schema", help="print the profile's JSON Schema")
    for name, sub in subs.items():
        if command in (ALL, name):
            _ARGUMENTS[name](sub)
            sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="show tracebacks for errors")
    return parser


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("folder", help="folder to create (may exist if empty)")
    init.add_argument("--lang", default="ja,en", type=_languages,
                      help="languages, primary first: ja, en, ja,en or en,ja (default ja,en)")
    init.add_argument("--ci", action="store_true",
                      help="also write the GitHub Pages workflow (as `brandkit ci` does)")


def _deploy_arguments(deploy: argparse.ArgumentParser) -> None:
    deploy.add_argument("folder", nargs="?", default=".",
                        help="site folder holding profile.yaml (default: here)")
    deploy.add_argument("--remote", help="remote name or URL to push to (default: origin)")
    deploy.add_argument("--branch", default="gh-pages", help="branch to publish (default gh-pages)")
    deploy.add_argument("--message", help="commit message")
    deploy.add_argument("--no-push", dest="push", action="store_false",
                        help="commit to the branch, do not push")


def _ci_arguments(ci: argparse.ArgumentParser) -> None:
    ci.add_argument("folder", nargs="?", default=".",
                    help="site folder holding profile.yaml, the repository's top (default: here)")
    ci.add_argument("--force", action="store_true", help="replace an existing workflow file")


def _build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("folder", nargs="?", default=".",
                       help="site folder holding profile.yaml (default: here)")
    build.add_argument("--out", help="output folder (default: site.output, _site)")
    build.add_argument("--base-url", type=_base_url,
                       help="public address, e.g. from actions/configure-pages")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    build.add_argument("--pdf", action="store_true", default=None,
                       help="require the business card's PDFs (needs WeasyPrint, the pdf extra); "
                            "by default they are made when WeasyPrint is installed")
    build.add_argument("--no-wait", action="store_true",
                       help="fail at once if another build is writing the output folder "
                            "(by default, wait for it to finish)")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("folder", nargs="?", default=".")
    check.add_argument("--strict", action="store_true", help="exit 1 when there is advice too")


def _watch_arguments(sub: argparse.ArgumentParser, serve: bool = False) -> None:
    sub.add_argument("folder", nargs="?", default=".",
                     help="site folder holding profile.yaml (default: here)")
    sub.add_argument("--out", help="output folder (default: site.output, _site)")
    sub.add_argument("--debounce", type=_milliseconds, default=50, metavar="MS",
                     help="quiet time after a save before building (default 50 ms)")
    sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    sub.add_argument("--pdf", action="store_true",
                     help="also remake the card's PDFs on each save (slow; build makes them)")
    if serve:
        sub.add_argument("--port", type=_port, default=8000,
                         help="port (default 8000; 0: any free one)")
        sub.add_argument("--host", help="address to listen on (default 127.0.0.1, this machine only)")
    else:
        sub.add_argument("--base-url", type=_base_url, help="public address, as for build")


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("source", help="resume.json, or LinkedIn's export: its ZIP or the folder it unpacks to")
    sub.add_argument("folder", nargs="?", default="site",
                     help="folder to create (may exist if empty; default: site)")


def _export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("folder", nargs="?", default=".",
                     help="site folder holding profile.yaml (default: here)")
    sub.add_argument("--out", help="folder to write into (default: the site folder)")


_ARGUMENTS = {
    "init": _init_arguments,
    "build": _build_arguments,
    "check": _check_arguments,
    "watch": _watch_arguments,
    "serve": lambda sub: _watch_arguments(sub, serve=True),
    "ci": _ci_arguments,
    "deploy": _deploy_arguments,
    "import": _import_arguments,
    "export": _export_arguments,
}


def _command(argv: list[str]) -> str | None:
    """The sub-command named in ``argv``: its first word that is not an option (the
    top level's options take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(_command(argv))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    # Folders become paths only now: pathlib is a few ms that --help need not pay.
    from pathlib import Path

    for name in ("folder", "out", "source"):
        if isinstance(getattr(args, name, None), str):
            setattr(args, name, Path(getattr(args, name)))
    from brandkit.errors import BrandkitError, UsageError
    from brandkit.messages import language_warning

    warning = language_warning()  # `BRANDKIT_LANG=fr`: said once, before anything else
    if warning:
        print(warning, file=sys.stderr)
    try:
        return _COMMANDS[args.command](args)
    except BrandkitError as exc:
        if args.debug:
            raise
        print(f"brandkit: {exc}" if not hasattr(exc, "problems") else str(exc), file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `brandkit … | head`: the reader left; the work is done
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command ended by SIGPIPE


def run() -> None:
    """The ``brandkit`` command: ``main``, then leave at once.

    At exit Python frees every object one by one (~35 ms after a build, a tenth of it);
    brandkit has nothing left to do by then — files are written and closed, no thread
    runs — so it flushes its output and ends the process without that. A traceback
    (``--debug``, a bug) still goes the usual way.
    """
    import os

    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`brandkit … | head`): nothing to do
            pass
    os._exit(code)


def _init(args: argparse.Namespace) -> int:
    from brandkit.messages import say
    from brandkit.scaffold import init

    written = init(args.folder, args.lang, ci=args.ci)
    for path in written:
        print(say("init_created", path=args.folder / path))
    if args.ci:
        print(say("workflow_public"))
    print(say("init_next", profile=args.folder / "profile.yaml", folder=args.folder))
    return 0


def _import(args: argparse.Namespace) -> int:
    from brandkit.importer import import_site
    from brandkit.messages import say

    report = import_site(args.source, args.folder)
    for note in report.notes:  # what was fixed and what was left out, each located
        print(note, file=sys.stderr)
    print(say("import_done", kind="JSON Resume" if report.kind == "jsonresume" else "LinkedIn",
              path=_shown(args.folder), count=len(report.written)))
    if report.notes:
        fixed = sum(note.warning for note in report.notes)
        print(say("import_notes", fixed=fixed, left=len(report.notes) - fixed))
    print(say("import_next", profile=_shown(args.folder / "profile.yaml"), folder=_shown(args.folder)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from brandkit.export import export
    from brandkit.messages import say

    for path in export(args.folder, out=args.out):
        print(say("export_written", path=_shown(path)))
    return 0


def _deploy(args: argparse.Namespace) -> int:
    from brandkit.deploy import deploy
    from brandkit.messages import say

    report = deploy(args.folder, remote=args.remote, branch=args.branch, message=args.message,
                    push=args.push)
    if report.commit:
        print(say("deploy_committed", files=report.files, branch=report.branch, commit=report.commit[:12]))
    else:
        print(say("deploy_unchanged", branch=report.branch))
    if report.pushed_to:
        print(say("deploy_pushed", branch=report.branch, remote=report.pushed_to))
    else:
        print(say("deploy_not_pushed", branch=report.branch, remote=args.remote or "origin"))
    if report.url:
        print(say("deploy_url", url=report.url, branch=report.branch))
    return 0


def _ci(args: argparse.Namespace) -> int:
    from brandkit.messages import say
    from brandkit.workflow import write_workflow

    path, install = write_workflow(args.folder, force=args.force)
    print(say("workflow_written", path=path, install=install))
    print(say("workflow_public"))
    return 0


def _build(args: argparse.Namespace) -> int:
    import time

    from brandkit.build import build
    from brandkit.messages import say

    def waiting(out: Path) -> None:
        print(say("out_waiting", path=_shown(out)), file=sys.stderr, flush=True)

    started = time.perf_counter()
    report = build(args.folder, out=args.out, base_url=args.base_url, pdf=args.pdf,
                   wait=not args.no_wait, on_wait=waiting)
    _print_restored(report.restored)
    if not args.quiet:
        ms = (time.perf_counter() - started) * 1000
        print(say("build_done", total=report.total, out=_shown(report.out), ms=f"{ms:.0f}",
                  written=len(report.written), unchanged=len(report.unchanged),
                  removed=len(report.removed)))
        for note in report.notes:
            print(note)
    return 0


def _check(args: argparse.Namespace) -> int:
    from brandkit.build import check
    from brandkit.messages import say

    advice = check(args.folder, on_restore=lambda path: _print_restored([path]))
    for item in advice:
        print(item)
    if advice:
        print(say("warnings_found", count=len(advice)))
    else:
        print(say("check_ok"))
    return 1 if (advice and args.strict) else 0


def _schema(args: argparse.Namespace) -> int:
    from brandkit.profile.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _milliseconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 10_000:
        from brandkit.messages import say
        raise argparse.ArgumentTypeError(say("bad_debounce", value=text))
    return value


# Command-line values are checked as they are parsed: a wrong one is a usage error (exit
# 2, with the usage line), in the user's language, before any work starts.

def _base_url(text: str) -> str:
    """``--base-url``: a full http(s) address, as ``site.url`` is (`/` once made every
    canonical address, og:url and sitemap entry "/")."""
    from brandkit.messages import say
    from brandkit.profile.fields import Invalid, check_url

    try:
        return check_url(text.strip(), absolute=True)
    except Invalid as exc:
        hint = f"; {exc.hint}" if exc.hint else ""
        raise argparse.ArgumentTypeError(say("bad_base_url", value=text) + hint) from None


def _languages(text: str) -> list[str]:
    """``init --lang``: ja, en, ja,en or en,ja."""
    langs = [part.strip() for part in text.split(",") if part.strip()]
    if not langs or len(set(langs)) != len(langs) or any(lang not in ("ja", "en") for lang in langs):
        from brandkit.messages import say
        raise argparse.ArgumentTypeError(say("bad_lang_option", value=text))
    return langs


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        from brandkit.messages import say
        raise argparse.ArgumentTypeError(say("bad_port", value=text))
    return value


def _watch(args: argparse.Namespace) -> int:
    from brandkit.messages import say
    from brandkit.watch import watch

    if not args.quiet:
        print(say("watch_watching", path=_shown(args.folder)), flush=True)
    watch(args.folder, out=args.out, base_url=args.base_url, debounce=args.debounce / 1000,
          on_outcome=lambda outcome: _print_outcome(outcome, args), pdf=args.pdf)
    if not args.quiet:
        print(say("watch_stopped"))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from brandkit.messages import say
    from brandkit.serve import serve

    if args.host and args.host not in ("127.0.0.1", "localhost", "::1"):
        print(say("serve_exposed", host=args.host), file=sys.stderr)
    serve(args.folder, out=args.out, host=args.host, port=args.port,
          debounce=args.debounce / 1000,
          on_outcome=lambda outcome: _print_outcome(outcome, args),
          on_ready=lambda url: print(say("serve_at", url=url), flush=True), pdf=args.pdf,
          on_problem=lambda line: print(line, file=sys.stderr, flush=True))
    if not args.quiet:
        print(say("watch_stopped"))
    return 0


def _print_outcome(outcome: object, args: argparse.Namespace) -> None:
    """One line per build; a failed build prints its located problems, then keeps going."""
    from brandkit.changes import summary
    from brandkit.messages import say

    report, ms = outcome.report, round(outcome.ms)
    if report is None:
        print(outcome.error, file=sys.stderr)
        print(say("watch_failed"), file=sys.stderr, flush=True)
        return
    _print_restored(report.restored)
    if args.quiet:
        return
    changes = outcome.changes
    if not changes:  # the first build
        print(say("watch_built", total=report.total, out=_shown(report.out), ms=ms), flush=True)
        return
    what = summary(changes)
    if report.written or report.removed:
        print(say("watch_rebuilt", changes=what, ms=ms, pages=len(report.pages or []),
                  written=len(report.written), removed=len(report.removed)), flush=True)
    else:
        print(say("watch_same", changes=what, ms=ms), flush=True)


def _print_restored(folders: list[Path]) -> None:
    """An interrupted run's swap was finished for it: the user should know (even with -q)."""
    from brandkit.messages import say

    for path in folders:
        print(say("out_restored", path=_shown(path)), file=sys.stderr, flush=True)


def _shown(path: Path) -> str:
    from brandkit.errors import shown_path
    return shown_path(path)


_COMMANDS = {"init": _init, "build": _build, "check": _check, "schema": _schema,
             "watch": _watch, "serve": _serve, "ci": _ci, "deploy": _deploy,
             "import": _import, "export": _export}
