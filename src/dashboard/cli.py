"""Command line: `python -m dashboard build|import|report|bench|load|serve …`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from dashboard.settings import SettingsError, get_settings

# Sub-commands register themselves here: name -> (help, add_arguments, run).
Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
COMMANDS: dict[str, Command] = {}


def command(name: str, help_text: str, add_arguments: Callable[[argparse.ArgumentParser], None]):
    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = (help_text, add_arguments, run)
        return run

    return register


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scale",
        choices=["bundled", "national"],
        default="bundled",
        help="bundled: the default data set; national: every breakdown crossed, 10+ million rows",
    )
    parser.add_argument("--db", help="where to write the database (default: DASHBOARD_DB_PATH)")


@command("build", "build the DuckDB file of key figures from the files under data/", _build_arguments)
def run_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dashboard import danish
    from dashboard.build import build_database

    settings = get_settings()
    target = Path(args.db) if args.db else settings.db_path
    result = build_database(target, settings.data_dir, scale=args.scale, home=settings.home_geo)
    print(
        f"Skrev {target}: {danish.number(result['observations'])} observationer, "
        f"{danish.number(result['bytes'] / 1e6, 1)} MB på {danish.number(result['seconds'], 1)} s"
    )
    return 0


def _load_plugins() -> None:
    """Import the modules that add sub-commands; a missing optional one is skipped."""
    import importlib

    plugins = (
        "dashboard.importers.cli",
        "dashboard.importers.refresh",
        "dashboard.report",
        "dashboard.bench",
        "dashboard.load",
        "dashboard.screenshots",
        "dashboard.serve",
    )
    for module in plugins:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not (exc.name and module.startswith(exc.name)):
                raise


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except SettingsError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2


def _main(argv: Sequence[str] | None) -> int:
    _load_plugins()
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Nøgletal – beskæftigelsesområdet")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, _) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    args, rest = parser.parse_known_args(argv)
    if rest and not getattr(args, "passes_options_on", False):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.options_passed_on = rest
    get_settings()  # a bad setting is named before any command starts
    try:
        return COMMANDS[args.command][2](args)
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
