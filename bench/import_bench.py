"""Import 100,000 recipients from a Windows-1251 `;` CSV with Russian headers (goal: under 5 s).

    uv run python bench/import_bench.py [--recipients N] [--runs 3] [--profile]

Each run is a process of its own that imports the file into a fresh database (open_database and create_campaign
are not timed), then imports it again (a re-import that changes nothing), and reports its time and its memory:
the largest resident size of the process during the import less its size just before (the interpreter and the
libraries, loaded before, are not counted). The floor runs the same way in a process of its own, interleaved:
the csv module and one executemany of the same rows. The parent prints medians and the ratios.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.workspace  # noqa: E402, F401 - registers the features' projections, as the app does
from models.campaigns.reference import create_campaign
from models.imports import import_recipients
from models.storage.database import sqlite3  # noqa: E402 - the driver the app uses
from models.storage.opening import open_database

ROOTS = ["Иван", "Петр", "Коваль", "Сидор", "Шевч", "Бондар", "Кузнец", "Ткач", "Смирн", "Мельнич", "Поп",
         "Кравч", "Сокол", "Олійн", "Лебед", "Ґудз", "Гриц", "Мороз", "Павл", "Савч", "Руд", "Яковл", "Марч",
         "Кирилл", "Давыд", "Федор", "Тарас", "Остап", "Назар", "Дьяч"]
ENDINGS = ["ов", "енко", "ук", "юк", "ський", "ин", "ев", "чук", "ко", "ишин"]
SURNAMES = [root + ending for root in ROOTS for ending in ENDINGS]
GIVEN = ["Иван", "Олег", "Сергей", "Андрій", "Дмитрий", "Євген", "Алексей", "Юрій", "Михаил", "Ігор", "Ярослав",
         "Богдан", "Максим", "Віталій", "Николай", "Григорій", "Тарас", "Остап", "Пётр", "Зиновій"]
PATRONYMICS = ["Иванович", "Петрович", "Сергеевич", "Андрійович", "Олегович", "Юрійович", "Миколайович",
               "Богданович", "Тарасович", "Максимович", ""]
PLACES = ["ИК-3", "СИЗО-1", "ИК-10", "Колония № 7", "СИЗО-2 г. Таганрог"]


def write_list(path: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = date(1960, 1, 1)
    lines = ["№;Фамилия;Имя;Отчество;Дата рождения;Место содержания;Личный номер;Примечание"]
    for number in range(1, count + 1):
        born = start + timedelta(days=rng.randrange(16000))
        lines.append(";".join([
            str(number), rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(PATRONYMICS),
            f"{born.day:02d}.{born.month:02d}.{born.year}", rng.choice(PLACES),
            f"{rng.randrange(10**6):06d}", "" if number % 10 else "письмо от семьи",
        ]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))


class PeakMemory:
    """The largest resident size of this process from entering on, sampled every 5 ms by a thread (the
    kernel's own high-water mark counts from the process's start, so it cannot measure a part of it)."""

    def __init__(self) -> None:
        self.before = self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self.before = self.peak = resident_mb()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, resident_mb())

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, resident_mb())

    @property
    def grown_mb(self) -> float:
        return self.peak - self.before


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run_once(folder: Path, source: Path, index: int, profile: bool) -> dict[str, float]:
    db = open_database(folder / f"bench-{index}.db")
    try:
        campaign = create_campaign(db, "Bench")
        profiler = cProfile.Profile() if profile else None
        with PeakMemory() as memory:
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            report = import_recipients(db, campaign, source)
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - started
        assert report.result is not None and report.result.created == report.rows, report.summary()
        with PeakMemory() as again_memory:
            again = time.perf_counter()
            repeat = import_recipients(db, campaign, source)
            reimport = time.perf_counter() - again
        assert repeat.result is not None and not repeat.result.changed, repeat
        if profiler:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return {"time": elapsed, "memory": memory.grown_mb, "reimport": reimport,
                "reimport_memory": again_memory.grown_mb}
    finally:
        db.close()


def floor_once(folder: Path, source: Path, index: int) -> dict[str, float]:
    """The floor of the same job: the file read with the csv module and its rows written with one executemany
    in one transaction, into a table of the same columns (no checks, no keys, no codes, no search index)."""
    connection = sqlite3.connect(str(folder / f"floor-{index}.db"))
    try:
        connection.execute("CREATE TABLE recipients (list_number TEXT, surname TEXT, given_name TEXT, "
                           "patronymic TEXT, birth_date TEXT, place TEXT, personal_number TEXT, note TEXT)")
        with PeakMemory() as memory:
            started = time.perf_counter()
            with source.open(encoding="cp1251", newline="") as handle:
                rows = list(csv.reader(handle, delimiter=";"))[1:]
            with connection:
                connection.executemany("INSERT INTO recipients VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            elapsed = time.perf_counter() - started
        return {"time": elapsed, "memory": memory.grown_mb}
    finally:
        connection.close()


def child(role: str, folder: Path, source: Path, index: int, profile: bool) -> int:
    """One run in this process, its numbers printed as JSON for the parent."""
    result = floor_once(folder, source, index) if role == "floor" else run_once(folder, source, index, profile)
    print(json.dumps(result))
    return 0


def in_a_process(role: str, folder: Path, source: Path, index: int, profile: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", role, "--folder", str(folder), "--source", str(source),
               "--index", str(index), *(["--profile"] if profile else [])]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if profile:
        print(output.rsplit("\n", 2)[0])
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first run")
    parser.add_argument("--child", choices=("import", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.folder, args.source, args.index, args.profile)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "recipients-cp1251.csv"
        write_list(source, args.recipients)
        size_mb = source.stat().st_size / 2**20
        runs, floors = [], []
        for index in range(args.runs):  # interleaved with its floor: the machine's noise falls on both alike
            runs.append(in_a_process("import", folder, source, index, args.profile and index == 0))
            floors.append(in_a_process("floor", folder, source, index))

    def median(results: list[dict[str, float]], key: str) -> float:
        return statistics.median(result[key] for result in results)

    took, floor = median(runs, "time"), median(floors, "time")
    memory, floor_memory = median(runs, "memory"), median(floors, "memory")
    print(f"import of {args.recipients:,} recipients from a Windows-1251 ';' CSV ({size_mb:.1f} MB), "
          f"{args.runs} runs into fresh databases, each in a process of its own")
    print(f"  median {took:.2f} s, slowest {max(run['time'] for run in runs):.2f} s (goal: under 5 s)")
    print(f"  floor (csv + executemany of the same rows): median {floor:.2f} s; ratio {took / floor:.1f} "
          f"(goal of issue 19: 4 or less)")
    print(f"  re-import changing nothing: median {median(runs, 'reimport'):.2f} s")
    print(f"  memory the import takes (peak resident size less the size before it): median {memory:.0f} MB, "
          f"{memory / size_mb:.1f} x the file (goal: 4 x); the floor's {floor_memory:.0f} MB "
          f"({floor_memory / size_mb:.1f} x the file), ratio {memory / floor_memory:.1f}")
    print(f"  memory of the re-import (it reads the current list too): median "
          f"{median(runs, 'reimport_memory'):.0f} MB, {median(runs, 'reimport_memory') / size_mb:.1f} x the file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
