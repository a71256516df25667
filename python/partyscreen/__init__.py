"""partyscreen: restricted-party screening from Python.

    import partyscreen
    lists = partyscreen.load()                    # the bundled snapshot, or load(["sdn.csv", ...])
    for hit in lists.screen("Hikvision", schema="Organization"):
        print(hit["entity_id"], hit["score"], hit["explanation"]["summary"])
    results = lists.screen_many(dataframe, threads=4)   # or any iterable of dicts

Everything is the C++ engine of the `partyscreen` command (the same matching, the same JSON):
a hit is the dict that `partyscreen batch --explain` writes, a screen_many result the line
{"id", "name", "hits"} it writes for the same record. Loading and screening release the GIL.
Bad input raises ValueError naming the record and field.
"""
import json

from . import _native

__all__ = ["Lists", "load", "snapshot_hash", "compare", "engine_version", "default_threshold", "ScreeningError"]

engine_version = _native.engine_version
default_threshold = _native.default_threshold

# The record fields the engine reads (records/query_record.h); other keys are ignored.
RECORD_FIELDS = ("id", "name", "schema", "country", "birth_date", "identifiers")


class ScreeningError(ValueError):
    """Some records of a screen_many call were not screened; `.errors` lists (position, reason)."""

    def __init__(self, errors, results):
        self.errors = errors
        self.results = results
        first = errors[0][1]
        super().__init__(f"{len(errors)} record(s) not screened; first: {first}")


def _options(threshold, limit, explain, threads):
    return dict(threshold=-1.0 if threshold is None else float(threshold), limit=int(limit),
                explain=bool(explain), threads=max(1, int(threads)))


def _is_dataframe(obj):
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "columns") and hasattr(obj, "iloc")


def _column_key(name):
    # As batch reads a CSV header: case and spaces ignored.
    return str(name).strip().lower().replace(" ", "_")


def _frame_columns(frame):
    """The record columns of a pandas DataFrame as lists of text (missing values as "")."""
    columns = {}
    for col in frame.columns:
        key = _column_key(col)
        if key not in RECORD_FIELDS:
            continue
        values = frame[col].tolist()
        columns[key] = ["" if v is None or v != v else str(v) for v in values]  # v != v: NaN
    if "name" not in columns:
        raise ValueError("screen_many: the DataFrame has no name column")
    return columns


def _record_json(record, position):
    if isinstance(record, str):
        return json.dumps({"name": record})
    if not isinstance(record, dict):
        raise ValueError(f"record {position}: expected a dict or a name, got {type(record).__name__}")
    return json.dumps({k: v for k, v in record.items() if v is not None})


class Lists:
    """A loaded list snapshot and its screening index. Thread-safe; load once, screen many."""

    def __init__(self, lists=None, data_dir=None):
        self._engine = _native.Engine(list(lists or []), data_dir or "")
        self._info = self._engine.info()

    @property
    def snapshot_hash(self):
        """SHA-256 over the list files: names exactly which data a result was screened against."""
        return self._info["hash"]

    def info(self):
        """{"hash", "entities", "issues", "engine", "sources": [...]} (as `lists --json`)."""
        return dict(self._info)

    def screen(self, name, schema=None, country=None, birth_date=None, identifiers=None, *,
               threshold=None, limit=10, explain=True):
        """The hits for one name, best first: dicts as `batch --explain` writes them."""
        record = {"name": name, "schema": schema, "country": country, "birth_date": birth_date,
                  "identifiers": identifiers}
        lines, errors = self._engine.screen_json([_record_json(record, 1)], first_line=1,
                                                 as_text=False,
                                                 **_options(threshold, limit, explain, 1))
        if errors[0]:
            raise ValueError(errors[0].replace("record 1: ", "", 1))
        return lines[0]["hits"]

    def screen_many(self, records, *, threshold=None, limit=10, explain=False, threads=1,
                    as_text=False, errors="raise"):
        """Screen many records in parallel (`threads` engine threads, GIL released).

        `records`: a pandas DataFrame (columns name, id, schema, country, birth_date,
        identifiers; read as batch reads a CSV) or an iterable of dicts / names (read as batch
        reads JSON lines). Returns one {"id", "name", "hits"} per record, in order (the JSON text of
        batch's line with as_text=True); a record without an id gets its 1-based position.
        errors="raise" raises ScreeningError if a record breaks a rule; errors="skip" leaves
        those records out, as batch does.
        """
        opts = _options(threshold, limit, explain, threads)
        if _is_dataframe(records):
            lines, errs = self._engine.screen_fields(_frame_columns(records), first_line=1,
                                                     as_text=as_text, **opts)
        else:
            texts = [_record_json(r, i + 1) for i, r in enumerate(records)]
            lines, errs = self._engine.screen_json(texts, first_line=1, as_text=as_text, **opts)
        return _finish(lines, errs, errors)

    def screen_file(self, path, *, threshold=None, limit=10, explain=False, threads=1,
                    as_text=False, errors="raise"):
        """A query file (JSON lines or CSV with a header) read exactly as `partyscreen batch`
        reads it (records without an id get their line number)."""
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        lines, errs = self._engine.screen_text(text, str(path), as_text=as_text,
                                               **_options(threshold, limit, explain, threads))
        return _finish(lines, errs, errors)

    def check(self, parties, destination=None, eccns=(), purpose=None):
        """The legal outcome of a transaction (as `partyscreen check --json` / POST /check).

        `parties`: names or dicts {"name", "role"?, "country"?, "schema"?, ...}; a party without
        a role is the end user if it comes first, else "other" (as the CLI's --party)."""
        if isinstance(parties, (str, dict)):
            parties = [parties]
        request = {"parties": [], "eccns": list(eccns)}
        for i, p in enumerate(parties):
            party = {"name": p} if isinstance(p, str) else dict(p)
            # As `partyscreen check --party`: the first party is the end user unless told.
            party.setdefault("role", "end_user" if i == 0 else "other")
            request["parties"].append(party)
        if destination:
            request["destination"] = destination
        if purpose:
            request["purpose"] = purpose
        return self._engine.check(json.dumps(request))


def _finish(lines, errs, errors):
    if errors not in ("raise", "skip"):
        raise ValueError("errors: 'raise' or 'skip'")
    problems = [(i + 1, e) for i, e in enumerate(errs) if e]
    results = [line for line in lines if line is not None]
    if problems and errors == "raise":
        raise ScreeningError(problems, results)
    return results


def load(lists=None, data_dir=None):
    """Load list files (paths or FORMAT:PATH, as `--list`), or the bundled snapshot."""
    return Lists(lists, data_dir)


def snapshot_hash(lists=None, data_dir=None):
    """The `snapshot_hash` load(lists, data_dir) would have, from parsing the lists only (no
    screening index is built: a fraction of a load's time)."""
    return _native.snapshot_hash(list(lists or []), data_dir or "")


def compare(a, b, schema=""):
    """Score two names: {"a", "b", "score", "explanation"} (as `partyscreen compare A B`)."""
    return _native.compare(a, b, schema or "")
