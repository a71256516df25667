#!/usr/bin/env python3
"""Make a reproducible synthetic customer register (CSV) for store benchmarks and tests.

Names are real name parts recombined: innocent people and firms from the evaluation set
(entries of dev.jsonl with "expect": [], which are on no list) are split into words and
recombined (a person = first words of one innocent person + last word of another; a firm = the
core of one innocent firm + the legal form of another), plus a few hundred real names taken from
an OFAC sdn.csv so that screening raises real alerts. Same --seed, same file.

    python3 tools/make_customers.py --count 1000000 --seed 7 --out customers.csv
"""
import argparse
import csv
import json
import random
import sys


def load_innocent(path):
    people, firms = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            if q.get("expect"):
                continue
            words = q["name"].split()
            if len(words) < 2:
                continue
            (people if q.get("schema") == "Person" else firms).append(words)
    return people, firms


def load_list_names(path, count, rng):
    names = []
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue
            kind = row[2].strip()
            schema = "Person" if kind == "individual" else ("Vessel" if kind == "vessel" else "Organization")
            names.append((row[1].strip(), schema))
    rng.shuffle(names)
    return names[:count]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="-")
    ap.add_argument("--dev", default="../shared/eval/dev.jsonl")
    ap.add_argument("--sdn", default="../shared/lists/ofac/sdn-2024-07-02/sdn.csv",
                    help="OFAC sdn.csv to take real list names from")
    ap.add_argument("--list-names", type=int, default=300, help="how many real list names to include")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    people, firms = load_innocent(args.dev)
    listed = load_list_names(args.sdn, args.list_names, rng) if args.list_names else []
    countries = ["US", "GB", "DE", "FR", "CN", "IN", "BR", "NG", "RU", "AE", "TR", "JP", "", ""]
    # Real list names at evenly spread, seeded positions.
    listed_at = {}
    if listed:
        for name in listed:
            listed_at[rng.randrange(args.count)] = name

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    w = csv.writer(out)
    w.writerow(["id", "name", "schema", "country", "birth_date", "identifiers"])
    for i in range(args.count):
        birth = ""
        if i in listed_at:
            name, schema = listed_at[i]
        elif rng.random() < 0.55:
            a, b = rng.choice(people), rng.choice(people)
            name, schema = " ".join(a[:-1] + b[-1:]), "Person"
            if rng.random() < 0.5:
                birth = "%04d-%02d-%02d" % (rng.randrange(1940, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
        else:
            a, b = rng.choice(firms), rng.choice(firms)
            name, schema = " ".join(a[:-1] + b[-1:]), "Organization"
        w.writerow(["C%08d" % i, name, schema, rng.choice(countries), birth, ""])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
