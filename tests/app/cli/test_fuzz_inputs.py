"""Every file Packline reads, damaged at random, through `main.py` as a user gives it: each is imported or
refused with exit 2, never an internal error (exit 1) or a traceback, and memory stays under a ceiling.

The files start valid (a recipient list in CSV and XLSX, a catalog, a template, an events file, a campaign pack,
a batch file, a receipt) and hypothesis damages them: bytes flipped, cut short, inserted or replaced. Each kind
gets a bounded number of examples, so the whole module runs in well under a minute in CI; for a longer run:

    PACKLINE_FUZZ_EXAMPLES=5000 uv run pytest tests/app/cli/test_fuzz_inputs.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from tests.support.handover_fixtures import SUPERVISOR_PIN, packed_demo
from tests.support.import_files import RU_HEADER, write_csv, write_xlsx

EXAMPLES = int(os.environ.get("PACKLINE_FUZZ_EXAMPLES", "100"))
"""Damaged copies of each kind of file; CI runs 100 (about 15 s in all), a longer run sets the variable."""
MEMORY_CEILING_MB = 1500


@dataclass(frozen=True)
class Sample:
    """A valid file of one kind and the command that reads it (`{file}` stands for the damaged copy)."""

    data: bytes
    argv: tuple[str, ...]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Sample]:
    folder = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
        demo = packed_demo(folder, recipients=30, packages=10)
        demo.workspace.close()
        hub, station, other = str(folder / "station.db"), str(folder / "station-2.db"), str(folder / "receiving.db")
        capture = _Quiet()
        who = ("--db", hub, "--user", "Supervisor")
        batch = capture.json("batch", "create", *who)["outcomes"][0]["batch"]
        capture.ok("batch", "add", *who, "--batch", batch, *demo.sealed[:6])
        capture.ok("batch", "close", *who, "--batch", batch)
        files = capture.json("export-batch", "--db", hub, "--batch", batch, "--out", str(folder / "out"))["files"]
        batch_file = Path(next(name for name in files if name.endswith(".json")))
        capture.ok("receive", "--db", other, "--batch-file", str(batch_file), "--user", "Petrov", *demo.sealed[:4])
        receipt = Path(capture.json("export-receipt", "--db", other, "--batch", batch, "--out",
                                    str(folder / "receipt"))["file"])
        pack = Path(capture.json("sync", "pack", "export", "--db", hub, "--out", str(folder / "x"))["pack"]["path"])
        capture.ok("sync", "pack", "import", "--db", station, str(pack))
        capture.ok("station", "--db", station, "--name", "Станция 2")
        (events,) = capture.json("sync", "export", "--db", station, "--out", str(folder / "x"))["exported"]
        assert main.main(["sync", "import", "--db", hub, events["path"]]) == 2  # its first file asks to be enrolled
        asked = capture.json("sync", "enrolment", "list", "--db", hub)["requests"][0]
        capture.ok("sync", "enrol", asked["station_id"], "--fingerprint", asked["fingerprint"], *who)
    people = [RU_HEADER, ["901", "Иванов", "Иван", "Иванович", "01.02.1980", "СИЗО-1"],
              ["902", "П'ятничук", "Євген", "", "03.04.1975", "СІЗО-2"]]
    recipients_csv = write_csv(folder / "list.csv", people, encoding="cp1251").read_bytes()
    recipients_xlsx = write_xlsx(folder / "list.xlsx", people).read_bytes()
    catalog = write_csv(folder / "items.csv", [["Название", "Вес (г)", "Штрихкод"], ["Чай", "100", "4820000000017"]])
    template = write_csv(folder / "template.csv", [["Товар", "Количество", "Замены"], ["Чай", "2", ""]])
    campaign = demo.campaign.name
    return {
        "recipients.csv": Sample(recipients_csv, ("import", "recipients", "{file}", "--db", hub, "--campaign",
                                                  campaign, "--dry-run")),
        "recipients.xlsx": Sample(recipients_xlsx, ("import", "recipients", "{file}", "--db", hub, "--campaign",
                                                    campaign, "--dry-run")),
        "catalog.csv": Sample(catalog.read_bytes(), ("import", "catalog", "{file}", "--db", hub)),
        "template.csv": Sample(template.read_bytes(), ("import", "template", "{file}", "--db", hub, "--campaign",
                                                       campaign, "--name", "Fuzz")),
        "events.plx": Sample(Path(events["path"]).read_bytes(), ("sync", "import", "--db", hub, "{file}",
                                                                "--answer", str(folder / "answers"))),
        "pack.plxp": Sample(pack.read_bytes(), ("sync", "pack", "import", "--db", station, "{file}")),
        "batch.json": Sample(batch_file.read_bytes(), ("receive", "--db", other, "--batch-file", "{file}", "--user",
                                                       "Petrov")),
        "receipt.json": Sample(receipt.read_bytes(), ("reconcile", "--db", hub, "--batch", batch, "--user",
                                                      "Supervisor", "--receipt", "{file}")),
    }


class _Quiet:
    """Runs the set-up commands, failing loudly if one does not succeed."""

    def ok(self, *argv: str) -> None:
        code = main.main([*argv])
        assert code == 0, argv

    def json(self, *argv: str) -> dict:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main.main([*argv, "--json"])
        assert code == 0, argv
        return dict(json.loads(out.getvalue()))


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one to three random changes."""
    result = bytearray(data)
    for _change in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "replace", "noise"]))
        at = draw(st.integers(0, max(0, len(result) - 1)))
        if kind == "flip" and result:
            result[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del result[at:]
        elif kind == "insert":
            result[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "replace" and result:
            piece = draw(st.binary(min_size=1, max_size=16))
            result[at:at + len(piece)] = piece
        elif kind == "noise":
            result = bytearray(draw(st.binary(max_size=512)))
    return bytes(result)


@pytest.mark.parametrize("kind", ["recipients.csv", "recipients.xlsx", "catalog.csv", "template.csv", "events.plx",
                                  "pack.plxp", "batch.json", "receipt.json"])
def test_a_damaged_file_is_imported_or_refused_never_an_internal_error(kind, samples, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
    sample = samples[kind]
    path = tmp_path / kind
    path.write_bytes(sample.data)
    argv = [str(path) if part == "{file}" else part for part in sample.argv]
    code, _out, err = run(capsys, *argv)
    assert code == 0, (kind, err)  # the valid file is read

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(damaged(sample.data))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        code, out, err = run(capsys, *argv)
        assert code in (0, 2), (kind, code, out[-500:], err[-500:])
        assert "Traceback" not in err and "Internal error" not in err, err[-500:]

    check()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < MEMORY_CEILING_MB
