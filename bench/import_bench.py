"""Import 100,000 recipients from a Windows-1251 `;` CSV with Russian headers (goal: under 5 s).

    uv run python bench/import_bench.py [--recipients N] [--runs 3] [--profile]

Each run imports the same file into a fresh database (open_database + create_campaign are not timed).
Prints the median time, the slowest run, the time of a re-import that changes nothing, and peak memory
(the process's maximum resident set size, which includes the interpreter and the libraries), and the floor
measured in the same run (the csv module and one executemany of the same rows) with the ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import random
import resource
import statistics
import sys
import tempfile
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


def run_once(folder: Path, source: Path, index: int, profile: bool) -> tuple[float, float]:
    db = open_database(folder / f"bench-{index}.db")
    try:
        campaign = create_campaign(db, "Bench")
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = import_recipients(db, campaign, source)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        assert report.result is not None and report.result.created == report.rows, report.summary()
        again = time.perf_counter()
        repeat = import_recipients(db, campaign, source)
        assert repeat.result is not None and not repeat.result.changed, repeat
        reimport = time.perf_counter() - again
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return elapsed, reimport
    finally:
        db.close()


def floor_once(folder: Path, source: Path, index: int) -> float:
    """The floor of the same job: the file read with the csv module and its rows written with one executemany
    in one transaction, into a table of the same columns (no checks, no keys, no codes, no search index)."""
    connection = sqlite3.connect(str(folder / f"floor-{index}.db"))
    try:
        connection.execute("CREATE TABLE recipients (list_number TEXT, surname TEXT, given_name TEXT, "
                           "patronymic TEXT, birth_date TEXT, place TEXT, personal_number TEXT, note TEXT)")
        started = time.perf_counter()
        with source.open(encoding="cp1251", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))[1:]
        with connection:
            connection.executemany("INSERT INTO recipients VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return time.perf_counter() - started
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "recipients-cp1251.csv"
        write_list(source, args.recipients)
        size_mb = source.stat().st_size / 2**20
        times, reimports, floors = [], [], []
        for index in range(args.runs):  # interleaved with its floor: the machine's noise falls on both alike
            elapsed, reimport = run_once(folder, source, index, args.profile and index == 0)
            times.append(elapsed)
            reimports.append(reimport)
            floors.append(floor_once(folder, source, index))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"import of {args.recipients:,} recipients from a Windows-1251 ';' CSV ({size_mb:.1f} MB), "
          f"{args.runs} runs into fresh databases")
    median, floor = statistics.median(times), statistics.median(floors)
    print(f"  median {median:.2f} s, slowest {max(times):.2f} s (goal: under 5 s)")
    print(f"  floor (csv + executemany of the same rows): median {floor:.2f} s; ratio {median / floor:.1f} "
          f"(goal of issue 19: 4 or less)")
    print(f"  re-import changing nothing: median {statistics.median(reimports):.2f} s")
    print(f"  peak memory (max RSS of the process): {peak_mb:.0f} MB, {peak_mb / size_mb:.0f} x the file "
          f"(goal: 4 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
