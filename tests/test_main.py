"""The command line as a coordinator meets it: real processes, exit codes, --json."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.cli import run_main as run

ROOT = Path(__file__).resolve().parent.parent




def test_demo_then_check(tmp_path):
    db = tmp_path / "demo.db"
    created = run("demo", "--db", db, "--recipients", "50", "--json")
    assert created.returncode == 0, created.stderr
    checked = run("check", "--db", db, "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] and report["integrity"] == ["ok"]
    assert report["counts"]["recipients"] == 50 and report["counts"]["packages"] == 50
    assert report["campaigns"][0]["name"] == "Demo"
    assert oct(os.stat(db).st_mode & 0o777) == "0o600"


def test_refused_input_exits_2_with_the_reason_on_stderr(tmp_path):
    db = tmp_path / "demo.db"
    assert run("demo", "--db", db, "--recipients", "5").returncode == 0
    again = run("demo", "--db", db, "--recipients", "5")
    assert again.returncode == 2 and "already exists" in again.stderr
    missing = run("check", "--db", tmp_path / "nothing.db")
    assert missing.returncode == 2 and "No database" in missing.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database\n" * 500)
    result = run("check", "--db", bogus)
    assert result.returncode == 2 and "not a usable Packline database" in result.stderr


def test_backup_command_writes_a_private_copy(tmp_path):
    db = tmp_path / "demo.db"
    run("demo", "--db", db, "--recipients", "5")
    result = run("backup", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    copy = Path(json.loads(result.stdout)["backup"])
    assert copy.exists() and oct(os.stat(copy).st_mode & 0o777) == "0o600"


def test_first_start_creates_an_empty_private_database(tmp_path):
    """No demo is forced on a new installation: the window offers a real campaign or the demo
    (tests/ui/campaign/test_campaign_menu.py)."""
    from app.first_start import ensure_database
    from models.campaigns.reference import list_campaigns

    workspace = ensure_database(tmp_path / "data" / "packline.db")
    try:
        assert list_campaigns(workspace.db) == []
    finally:
        workspace.close()
    assert oct(os.stat(tmp_path / "data").st_mode & 0o777) == "0o700"
    assert not (tmp_path / "data" / "backups").exists()
    reopened = ensure_database(tmp_path / "data" / "packline.db")  # the window backs up, on a worker
    try:
        assert not (tmp_path / "data" / "backups").exists()
    finally:
        reopened.close()


def test_the_command_line_speaks_the_language_of_the_environment(tmp_path):
    env = dict(os.environ, PACKLINE_LANGUAGE="", LANG="uk_UA.UTF-8")
    done = run("commands", "--out", tmp_path / "commands.pdf", env=env)
    assert done.returncode == 0, done.stderr
    assert "Аркуш команд записано" in done.stdout
    help_text = run("sample-labels", "--help", env=dict(env, PACKLINE_LANGUAGE="ru")).stdout
    assert "напечатать демонстрационные этикетки" not in help_text  # the description, not the list's help line
    assert "число этикеток (по умолчанию 8)" in help_text
    refused = run("check", "--db", tmp_path / "nothing.db", env=dict(env, LANG="C.UTF-8"))
    assert refused.returncode == 2 and "No database" in refused.stderr


def test_the_language_comes_from_packline_language_then_the_system():
    from models.core.i18n import language_from_environment

    assert language_from_environment({}) == "en"
    assert language_from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert language_from_environment({"PACKLINE_LANGUAGE": "uk", "LANG": "ru_RU.UTF-8"}) == "uk"
    assert language_from_environment({"LC_ALL": "de_DE.UTF-8", "LANG": "uk_UA.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "C.UTF-8"}) == "en"


def _sub_commands(parser, prefix=()):
    """Every path of sub-command names under `parser` (`("batch", "close")`, ...)."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*prefix, name)
                yield from _sub_commands(child, (*prefix, name))


def test_every_sub_command_answers_help(capsys):
    """The sub-command list is built from an explicit import list; each command's --help works in-process."""
    import main

    paths = list(_sub_commands(main.build_parser(list(main.COMMAND_GROUPS))))
    assert {("batch", "close"), ("sync", "import"), ("import", "recipients"), ("labels",), ("manifest",),
            ("users", "add"), ("check",), ("demo",)} <= set(paths)
    for path in paths:
        try:
            main.build_parser(list(main.COMMAND_GROUPS)).parse_args([*path, "--help"])
        except SystemExit as stop:
            assert stop.code == 0, path
        else:
            raise AssertionError(f"{' '.join(path)} --help did not exit")
        assert "usage:" in capsys.readouterr().out, path


def test_main_help_lists_every_group():
    shown = run("--help")
    assert shown.returncode == 0, shown.stderr
    for name in ("demo", "import", "check", "scan", "sync", "labels", "batch", "manifest", "sample-documents"):
        assert name in shown.stdout, name


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`main.py journal list | head -1`: no traceback, no "Internal error" when the reader stops early."""
    import fcntl

    db = tmp_path / "demo.db"
    assert run("demo", "--db", db, "--recipients", "300").returncode == 0
    reader = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "plan", "--db", str(db), "--json"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    fcntl.fcntl(reader.stdout.fileno(), 1031, 4096)  # F_SETPIPE_SZ: a pipe smaller than the plan's 7 KB
    reader.stdout.read(1)
    reader.stdout.close()  # the reader stops after one byte, as head does
    _out, err = reader.communicate(timeout=120)
    assert err == b"", err.decode()  # no traceback, no "Internal error", no "Exception ignored"


def test_the_command_table_names_what_each_module_registers():
    import argparse
    import importlib

    import main

    for name, commands in main.COMMAND_GROUPS.items():
        parser = argparse.ArgumentParser()
        importlib.import_module(name).register(parser.add_subparsers())
        registered = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
        assert set(registered) == set(commands), name


def test_only_the_chosen_command_s_module_is_imported():
    """`status` pays for the progress commands only; the GUI, `--db X` and --help for none (the help lists the
    commands from app.cli.commands)."""
    import main

    assert main.groups_for(["status", "--db", "x.db"]) == ["app.cli.progress"]
    assert main.groups_for(["--db", "status.db", "batch", "list"]) == ["app.cli.handover"]
    assert main.groups_for([]) == [] and main.groups_for(["--db", "x.db"]) == []
    assert main.groups_for(["--help"]) is None and main.groups_for(["no-such-command"]) is None
    program = ("import sys, main; main.build_parser(main.groups_for(['status']));"
               "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))")
    shown = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "app.cli.progress" in shown.stdout and "app.cli.packing" not in shown.stdout
    assert "app.cli.documents" not in shown.stdout
    program = ("import sys, main; main.build_parser(main.groups_for(['--help']));"
               "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))")
    shown = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and shown.stdout.strip() == "['app.cli.commands', 'app.cli.exit_codes']", shown


def test_status_as_a_whole_process_loads_none_of_the_heavy_libraries(tmp_path):
    """Issue 19: a short command pays for what it uses. `status` on an existing database runs whole (parsing,
    opening, its SQL, its output) without sqlite-utils (only pending migrations need it), ReportLab, Qt,
    openpyxl, cryptography or stdnum, and without the domain records, projections and backups it does not
    read."""
    from app.workspace import Workspace
    from models.demo.campaign import create_demo

    database = tmp_path / "station.db"
    workspace = Workspace.open(database)
    summary = create_demo(workspace.db, "Demo", recipients=5)
    workspace.station_service().ensure("Station 1")
    workspace.station_service().set_campaign(summary.campaign.id)  # as a station packing it
    workspace.close()
    heavy = ("sqlite_utils", "reportlab", "PySide6", "openpyxl", "cryptography", "stdnum", "platformdirs")
    unread = ("models.core.types", "models.packing.records", "models.packing.sql.journal_projection",
              "models.handover.sql.journal_projection", "models.storage.backup", "logging", "traceback", "json")
    program = ("import io, runpy, sys, contextlib\n"
               f"sys.argv = ['main.py', 'status', '--db', {str(database)!r}]\n"
               "out = io.StringIO()\n"
               "with contextlib.redirect_stdout(out):\n"
               "    try:\n"
               "        runpy.run_path('main.py', run_name='__main__')\n"
               "    except SystemExit as done:\n"
               "        code = done.code\n"
               "loaded = {m.split('.')[0] for m in sys.modules}\n"
               f"print(code, 'Packages: 5' in out.getvalue(), sorted(loaded & {set(heavy)!r}),\n"
               f"      sorted(set(sys.modules) & {set(unread)!r}))")
    shown = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["0", "True", "[]", "[]"], shown.stdout


def test_a_missing_command_module_stops_the_start(monkeypatch, capsys):
    import main

    monkeypatch.setitem(main.COMMAND_GROUPS, "app.cli.no_such_module", ("nothing",))
    assert main.main(["--help"]) == 1
    assert "app.cli.no_such_module" in capsys.readouterr().err
