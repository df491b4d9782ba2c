"""One-off: merge helper-coded parts into the corpus tables (removed after merge)."""
import csv
import glob
from pathlib import Path

data = Path(__file__).resolve().parent.parent / "data"
parts = data / "_parts"


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name, header, body):
    with open(data / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(body)


order = ["compass", "osw", "sceeus", "csp", "ian"]
for table in ("claims", "figures"):
    body, header = [], None
    for sid in order:
        p = parts / f"{table}_{sid}.csv"
        if p.exists():
            r = rows(p)
            header = header or list(r[0].keys())
            body += r
    write(table, header, body)
actors = rows(data / "actors.csv")
known = {a["actor_id"] for a in actors}
for p in sorted(glob.glob(str(parts / "actors_*.csv"))):
    for r in rows(p):
        if r["actor_id"] not in known:
            actors.append(r)
            known.add(r["actor_id"])
write("actors", list(actors[0].keys()), actors)
for table in ("events", "precedents", "glossary"):
    p = parts / f"{table}.csv"
    if p.exists():
        r = rows(p)
        write(table, list(r[0].keys()), r)
print("merged")
