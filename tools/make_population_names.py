#!/usr/bin/python3
"""Writes the given names and surnames common in the population of many countries, as JSON lines.

    /usr/bin/python3 tools/make_population_names.py > /tmp/population_names.jsonl
    build/tools/make_token_weights --words /tmp/population_names.jsonl \
        > data/tables/common_person_names.tsv

Source: the person-name lists of Faker (Debian package python3-fake-factory, MIT licence): for
each of its ~50 locales, the country's most common given names and surnames as published by
national statistics offices and name registers (the lists name their sources in the package).
They are general facts about populations, not names from any sanctions list or evaluation set.
Every name is written as one line {"name": ..., "schema": "Person"}, in its own script;
make_token_weights normalises each as the engine does (transliteration included), so the table
holds the engine's words. Output is sorted, so the same package gives the same file.
"""
import importlib
import json
import pkgutil
import sys

import faker.providers.person as person

# Attributes of a locale's Provider that hold given names or surnames (not prefixes, formats).
NAME_ATTRIBUTES = (
    "first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
    "last_names_female", "unisex_last_names", "male_last_names", "first_names_rus",
    "first_names_male_rus", "first_names_female_rus", "last_names_rus", "first_names_est",
    "first_names_male_est", "first_names_female_est", "last_names_est", "first_romanized_names",
    "first_romanized_names_male", "first_romanized_names_female", "last_romanized_names",
)


def main():
    names = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in NAME_ATTRIBUTES:
            values = getattr(provider, attribute, None)
            if values is None:
                continue
            for name in values.keys() if isinstance(values, dict) else values:
                if isinstance(name, str) and name.strip():
                    names.add(name.strip())
    for name in sorted(names):
        sys.stdout.write(json.dumps({"name": name, "schema": "Person"}, ensure_ascii=False) + "\n")
    sys.stderr.write(f"make_population_names: {len(names)} names\n")


if __name__ == "__main__":
    main()
