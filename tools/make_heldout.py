#!/usr/bin/env python3
"""Builds a held-out screening set the way ../shared/eval/dev.jsonl is described (its README):
names of real entities from the same three list files, written the way they arrive (exact, case
and punctuation, reordered, middle name dropped, one or two typos (in words of 5+ letters, two in two words), legal form changed or dropped,
two words joined or one split), but only of entities that dev.jsonl does not use, with its own
seed. It measures whether a rule generalises beyond the names it was found on (docs/MATCHING.md).

    tools/make_heldout.py [--seed N] [--per-kind N] > heldout.jsonl
    tools/eval.sh heldout.jsonl

Every query is a positive ("expect": the entity id); false alerts are measured on dev.jsonl's
negatives and innocent_dev.jsonl. Vessels and aircraft are left out, as in dev.jsonl.
"""
import argparse
import csv
import gzip
import json
import random
import re
import string
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# Legal forms as they end organisation names, with the spelled-out variants a user types instead.
LEGAL_FORMS = {
    "co., ltd.": ["company limited", "co ltd", "co. limited"],
    "co. ltd.": ["company limited", "co ltd"],
    "co., ltd": ["company limited", "co ltd"],
    "ltd.": ["limited", "ltd"],
    "ltd": ["limited", "ltd."],
    "limited": ["ltd", "ltd."],
    "llc": ["l.l.c.", "limited liability company"],
    "l.l.c.": ["llc", "limited liability company"],
    "limited liability company": ["llc", "ltd liability company"],
    "inc.": ["incorporated", "inc"],
    "inc": ["incorporated", "inc."],
    "corp.": ["corporation", "corp"],
    "corporation": ["corp", "corp."],
    "company": ["co", "co."],
    "co.": ["company", "co"],
    "gmbh": ["g.m.b.h.", "gesellschaft mit beschraenkter haftung"],
    "s.a.": ["sa", "sociedad anonima"],
    "sa": ["s.a."],
    "jsc": ["joint stock company", "j.s.c."],
    "ojsc": ["open joint stock company"],
    "cjsc": ["closed joint stock company"],
    "pjsc": ["public joint stock company"],
    "plc": ["public limited company", "p.l.c."],
    "fze": ["free zone establishment"],
    "fzco": ["free zone company"],
    "trading co., ltd.": ["trading company limited"],
}


def read_csl(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kind = row["type"].strip().lower()
            if kind in ("vessel", "aircraft"):
                continue
            schema = "Person" if kind == "individual" else "Organization"
            yield "csl:" + row["_id"], row["name"].strip(), schema


def read_sdn(path):
    with open(path, encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) < 3:
                continue
            kind = row[2].strip().lower()
            if kind in ("vessel", "aircraft"):
                continue
            schema = "Person" if kind == "individual" else "Organization"
            yield "ofac:" + row[0].strip(), row[1].strip(), schema


def read_un(path):
    root = ET.parse(path).getroot()
    for person in root.iter("INDIVIDUAL"):
        parts = [person.findtext(t, "").strip() for t in
                 ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        yield "un:" + person.findtext("DATAID", ""), " ".join(p for p in parts if p), "Person"
    for entity in root.iter("ENTITY"):
        yield "un:" + entity.findtext("DATAID", ""), entity.findtext("FIRST_NAME", "").strip(), \
            "Organization"


def typo_in_word(rng, word):
    """One random edit inside a word, never its first letter, as dev.jsonl's typos look: a
    lowercase letter inserted or substituted, a letter deleted, or two neighbouring letters
    swapped."""
    i = rng.randrange(1, len(word))
    op = rng.choice(["insert", "substitute", "delete", "swap"])
    c = rng.choice(string.ascii_lowercase)
    if op == "insert":
        return word[:i] + c + word[i:]
    if op == "substitute":
        return word[:i] + c + word[i + 1:]
    if op == "delete":
        return word[:i] + word[i + 1:]
    if i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + c + word[i:]


def typos(rng, name, count):
    """`count` typos, each in a different word of 5+ letters (dev.jsonl's typo words are 5+
    letters long and its two typos fall in two words), or None when the name has too few."""
    words = name.split(" ")
    eligible = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 5]
    if len(eligible) < count:
        return None
    for i in rng.sample(eligible, count):
        words[i] = typo_in_word(rng, words[i])
    return " ".join(words)


def case_punct(rng, name):
    out = name.lower() if rng.random() < 0.6 else name.upper()
    return re.sub(r"[,.;:()\"']", lambda m: rng.choice(["", " "]), out)


def reorder(name):
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    return " ".join(words[1:] + words[:1]) if len(words) >= 2 else None


def drop_middle(name):
    """"LAST, First Middle" -> "First LAST" (dev.jsonl's drop_middle: given name and surname)."""
    if "," in name:
        last, first = name.split(",", 1)
        given = first.split()
        if len(given) < 2 or not last.strip():
            return None
        return f"{given[0]} {last.strip()}"
    words = name.split()
    return f"{words[0]} {words[-1]}" if len(words) >= 3 else None


def join_split(rng, name):
    words = name.split()
    if len(words) >= 2 and rng.random() < 0.7:
        i = rng.randrange(len(words) - 1)
        return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:])
    long_words = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
    if not long_words:
        return None
    i = rng.choice(long_words)
    cut = rng.randrange(3, len(words[i]) - 2)
    return " ".join(words[:i] + [words[i][:cut], words[i][cut:]] + words[i + 1:])


def legal_form_ending(name):
    low = name.lower().rstrip()
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        if low.endswith(" " + form) or low.endswith("," + form):
            return form
    return None


def make(rng, kind, name, schema):
    if kind == "exact":
        return name
    if kind == "case_punct":
        return case_punct(rng, name)
    if kind == "typo1":
        return typos(rng, name, 1)
    if kind == "typo2":
        return typos(rng, name, 2)
    if kind == "reorder":
        return reorder(name) if schema == "Person" else None
    if kind == "drop_middle":
        return drop_middle(name) if schema == "Person" else None
    if kind == "join_split":
        return join_split(rng, name)
    form = legal_form_ending(name) if schema == "Organization" else None
    if form is None:
        return None
    stem = name.rstrip()[: len(name.rstrip()) - len(form)].rstrip(" ,")
    if kind == "no_legal_form":
        return stem if len(stem.split()) >= 1 and len(stem) >= 3 else None
    if kind == "legal_form":
        return (stem + " " + rng.choice(LEGAL_FORMS[form])).lower()
    return None


# Shares of each kind among dev.jsonl's positives.
KINDS = {"exact": 253, "case_punct": 245, "typo1": 234, "typo2": 178, "reorder": 102,
         "drop_middle": 61, "join_split": 50, "no_legal_form": 44, "legal_form": 23}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="queries per kind = scale x dev.jsonl's count of that kind")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    used = set()
    for line in open(SHARED / "eval" / "dev.jsonl", encoding="utf-8"):
        for entity_id in json.loads(line)["expect"]:
            used.add(entity_id.split(":", 1)[1])  # csl rows reuse OFAC numbers: drop both

    lists = SHARED / "lists"
    entities = list(read_csl(lists / "csl/csl-2022-04/consolidated.csv.gz"))
    entities += read_sdn(lists / "ofac/sdn-2024-07-02/sdn.csv")
    entities += read_un(lists / "un/UN_consolidated.xml")
    entities = [e for e in entities
                if e[1] and len(e[1]) <= 250 and e[0].split(":", 1)[1] not in used]
    rng.shuffle(entities)

    count = 0
    cursor = 0
    for kind, n in KINDS.items():
        want = round(n * args.scale)
        made = 0
        while made < want and cursor < len(entities):
            entity_id, name, schema = entities[cursor]
            cursor += 1
            query = make(rng, kind, name, schema)
            if not query or (query == name and kind != "exact"):
                continue  # the entity stays used: one query per entity, as in dev.jsonl
            count += 1
            made += 1
            print(json.dumps({"id": f"h-{count:05d}", "name": query, "schema": schema,
                              "expect": [entity_id], "kind": kind}, ensure_ascii=False))
    print(f"{count} held-out queries", file=sys.stderr)


if __name__ == "__main__":
    main()
