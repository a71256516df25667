"""Distributed batch screening on a dask.distributed cluster (issue 17, item 2).

    python3 -m partyscreen.dask --in customers.csv --out results.jsonl [--workers 2]
        [--scheduler tcp://HOST:8786] [--list PATH ...] [--threshold T] [--limit K]
        [--threads N] [--explain] [--decide [--eccn X ...]] [--db DB] [--blocksize 8MB]

writes exactly the file `partyscreen batch --in customers.csv --out results.jsonl` writes (the
same lines, in input order), with the partitions screened in parallel on the cluster's workers.
Without --scheduler it starts a LocalCluster of --workers processes on this machine.

--decide adds batch's legal outcome to every line (decided on the worker, as batch decides).
--db DB appends batch's audit record of every screening to DB's audit trail (SQLite file or
PostgreSQL URL): the workers return each record beside its result line and the client, the one
writer, appends them in input order as the partitions come back, through one batched writer
(AuditWriter), then flushes; the trail is the one `batch --db` writes (same records, same order,
kind "batch", who = the client's user). Workers never open the database: a distributed job
keeps one writer, so the chain needs no lock traffic from every worker and a worker lost
mid-job leaves no half-appended partition.

Each worker loads the list snapshot once, through SnapshotPlugin (a WorkerPlugin named after
the snapshot hash the client loaded). Every partition task names the hash it wants; a worker
that loaded other list data (its files differ from the client's, or changed on disk before it
joined) refuses the task with SnapshotMismatch instead of screening against the wrong lists.

From Python: `screen(client, source, lists=...)` with a CSV / JSON-lines path, a pandas or a
dask DataFrame, returns the result lines in input order (`to_frame` makes a DataFrame of them).
"""
import argparse
import json
import os
import sys
import tempfile

import partyscreen

__all__ = ["SnapshotPlugin", "SnapshotMismatch", "AuditTrail", "register", "screen", "to_frame",
           "main"]


class SnapshotMismatch(RuntimeError):
    """A worker serves another list snapshot than the one the job was planned with."""


def _worker_state(worker):
    state = getattr(worker, "_partyscreen", None)
    if state is None:
        state = {"lists": {}, "refused": {}, "loads": {}}
        worker._partyscreen = state
    return state


class SnapshotPlugin:
    """Loads the lists once per worker and checks their hash against the client's.

    A plain class with setup/teardown (the WorkerPlugin protocol), named per snapshot hash so a
    cluster can hold several snapshots side by side."""

    def __init__(self, lists, data_dir, snapshot_hash):
        self.lists = list(lists or [])
        self.data_dir = data_dir or ""
        self.snapshot_hash = snapshot_hash
        self.name = "partyscreen-snapshot-" + snapshot_hash

    def setup(self, worker):
        state = _worker_state(worker)
        if self.snapshot_hash in state["lists"]:
            return
        _import_partition_readers()  # setup work, not the first partition's
        loaded = partyscreen.load(self.lists, self.data_dir or None)
        state["loads"][self.snapshot_hash] = state["loads"].get(self.snapshot_hash, 0) + 1
        if loaded.snapshot_hash != self.snapshot_hash:
            reason = (f"worker {worker.address} loaded snapshot {loaded.snapshot_hash[:16]} from "
                      f"{self.lists or 'the bundled snapshot'}, the job wants "
                      f"{self.snapshot_hash[:16]}: refusing to screen against other lists")
            state["refused"][self.snapshot_hash] = reason
            raise SnapshotMismatch(reason)
        state["lists"][self.snapshot_hash] = loaded

    def teardown(self, worker):
        _worker_state(worker)["lists"].pop(self.snapshot_hash, None)


def _import_partition_readers():
    """Imports what reading and screening partitions needs (pandas, dask.dataframe: ~0.5 s).

    Called while the snapshot loads, on the client and on every worker, so that the screening
    phase does not begin with it on the critical path (one process at a time on the client)."""
    import dask.bag  # noqa: F401
    import dask.dataframe  # noqa: F401


def _lists_on_worker(snapshot_hash):
    from distributed import get_worker
    worker = get_worker()
    state = _worker_state(worker)
    lists = state["lists"].get(snapshot_hash)
    if lists is None:
        raise SnapshotMismatch(state["refused"].get(snapshot_hash) or
                               f"worker {worker.address} has no snapshot {snapshot_hash[:16]} "
                               "loaded (its SnapshotPlugin did not run)")
    return lists


def _part_result(got):
    """(lines, errors[, audits]) from the engine -> (lines, errors, audits) of the records
    screened (audits: [] unless asked for)."""
    lines, errs = got[0], got[1]
    audits = got[2] if len(got) > 2 else []
    return ([x for x in lines if x is not None], [e for e in errs if e],
            [a for a in audits if a is not None])


def _screen_frame_part(frame, snapshot_hash, options, first_line):
    """One partition of records (a pandas DataFrame of text columns) -> (lines, errors, audits)."""
    lists = _lists_on_worker(snapshot_hash)
    columns = partyscreen._frame_columns(frame)
    return _part_result(lists._engine.screen_fields(columns, first_line=first_line, as_text=True,
                                                    **options))


def _screen_json_part(records, snapshot_hash, options, first_line):
    """One partition of JSON-lines text records -> (lines, errors, audits)."""
    lists = _lists_on_worker(snapshot_hash)
    return _part_result(lists._engine.screen_json(list(records), first_line=first_line,
                                                  as_text=True, **options))


def register(client, lists=None, data_dir=None):
    """Load the snapshot on the client (for its hash) and on every worker, once each.

    Returns the hash. Raises SnapshotMismatch if a worker loaded other list data."""
    # The client screens nothing: the hash from parsing the lists, not a whole load.
    snapshot_hash = partyscreen.snapshot_hash(lists, data_dir)
    _import_partition_readers()
    plugin = SnapshotPlugin(lists, data_dir, snapshot_hash)
    # Registered once per cluster: registering a plugin again tears it down and sets it up anew
    # on every worker (a second load); workers that join later get it from the scheduler.
    if not client.run_on_scheduler(_scheduler_has_plugin, plugin.name):
        client.register_worker_plugin(plugin, name=plugin.name)
    return snapshot_hash


def _scheduler_has_plugin(name, dask_scheduler=None):
    return name in dask_scheduler.worker_plugins


def _is_json_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                return line.lstrip().startswith("{")
    return False


def _frame_tasks(ddf):
    """(partitions, first_line of each): a record without an id gets its CSV line number, as in
    batch (header on line 1), which needs the partition lengths first."""
    parts = ddf.to_delayed()
    if "id" in [partyscreen._column_key(c) for c in ddf.columns]:
        return parts, [2] * len(parts)
    lengths = ddf.map_partitions(len).compute()
    firsts, line = [], 2
    for n in lengths:
        firsts.append(line)
        line += int(n)
    return parts, firsts


def _write_part(got, path):
    """On the worker: one partition's result lines -> the file `path` (written aside and renamed
    when complete); returns (path, count, errors, audits) for the client."""
    lines, errs, audits = got
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)
    return path, len(lines), errs, audits


def _partition_tasks(source, snapshot_hash, options, blocksize, client):
    """The screening tasks of `source`, one per partition, in input order (see screen)."""
    import dask.bag as db
    import dask.dataframe as dd
    from dask import delayed

    if isinstance(source, (str, os.PathLike)) and _is_json_lines(source):
        bag = db.read_text(str(source), blocksize=blocksize)
        parts = bag.to_delayed()
        counts = client.compute([delayed(len)(p) for p in parts], sync=True)
        firsts, line = [], 1
        for n in counts:
            firsts.append(line)
            line += n
        return [delayed(_screen_json_lines)(p, snapshot_hash, options, f)
                for p, f in zip(parts, firsts)]
    if isinstance(source, (str, os.PathLike)):
        ddf = dd.read_csv(str(source), dtype=str, keep_default_na=False, blocksize=blocksize)
    elif hasattr(source, "to_delayed"):
        ddf = source
    else:
        ddf = dd.from_pandas(source, chunksize=50_000)
    parts, firsts = _frame_tasks(ddf)
    return [delayed(_screen_frame_part)(p, snapshot_hash, options, f)
            for p, f in zip(parts, firsts)]


def _options_of(client, lists, data_dir, threshold, limit, explain, threads, decide, eccns,
                audit, snapshot_hash):
    if snapshot_hash is None:
        snapshot_hash = register(client, lists, data_dir)
    options = partyscreen._options(threshold, limit, explain, threads)
    options.update(decide=bool(decide), eccns=list(eccns), audit=audit is not None)
    return snapshot_hash, options


def screen_to_files(client, source, out_dir, lists=None, data_dir=None, threshold=None,
                    limit=10, explain=False, threads=1, blocksize="8MB", errors=None,
                    decide=False, eccns=(), audit=None, snapshot_hash=None):
    """As screen, but each worker writes its partition's result lines to `out_dir` (which every
    worker must reach: a shared file system) as part-00000.jsonl, part-00001.jsonl, ... and no
    result travels to the client: the parts in name order are batch's file. Returns the part
    paths in input order and the number of lines written. Audit records (`audit`) still go to
    the client, the one writer, in input order."""
    from dask import delayed

    snapshot_hash, options = _options_of(client, lists, data_dir, threshold, limit, explain,
                                         threads, decide, eccns, audit, snapshot_hash)
    tasks = _partition_tasks(source, snapshot_hash, options, blocksize, client)
    out_dir = os.path.abspath(out_dir)
    writes = [delayed(_write_part)(t, os.path.join(out_dir, f"part-{i:05d}.jsonl"))
              for i, t in enumerate(tasks)]
    paths, total = [], 0
    for future in client.compute(writes):
        path, count, errs, audits = future.result()
        if errors is not None:
            errors.extend(errs)
        if audit is not None:
            audit.append(audits)
        paths.append(path)
        total += count
        future.release()
    return paths, total


def screen(client, source, lists=None, data_dir=None, threshold=None, limit=10, explain=False,
           threads=1, blocksize="8MB", errors=None, decide=False, eccns=(), audit=None,
           snapshot_hash=None):
    """Screen `source` on the cluster; yields batch's result lines (JSON text) in input order.

    `source`: a CSV or JSON-lines path (read like batch reads it), a pandas DataFrame or a dask
    DataFrame. `errors`: a list that receives the messages of records not screened. `decide`,
    `eccns`: batch's --decide and --eccn. `audit`: an AuditTrail (batch's --db): each
    partition's audit records are appended to it, in input order, before its lines are
    yielded (flush it when done). `snapshot_hash`: what register(client, lists, data_dir)
    returned, if called already (else screen registers the lists itself)."""
    snapshot_hash, options = _options_of(client, lists, data_dir, threshold, limit, explain,
                                         threads, decide, eccns, audit, snapshot_hash)
    tasks = _partition_tasks(source, snapshot_hash, options, blocksize, client)
    futures = client.compute(tasks)
    for future in futures:
        lines, errs, audits = future.result()
        if errors is not None:
            errors.extend(errs)
        if audit is not None:
            audit.append(audits)
        yield from lines
        future.release()


def _screen_json_lines(part, snapshot_hash, options, first_line):
    """A partition of JSON-lines text -> (lines, errors). Blank lines count as lines (batch
    numbers physical lines) but are not records."""
    if all(r.strip() for r in part):
        return _screen_json_part(part, snapshot_hash, options, first_line)
    lines, errs, audits = [], [], []
    for i, record in enumerate(part):
        if record.strip():
            got, bad, aud = _screen_json_part([record], snapshot_hash, options, first_line + i)
            lines += got
            errs += bad
            audits += aud
    return lines, errs, audits


class AuditTrail:
    """The one writer of a distributed `batch --db`: appends the workers' audit records, in the
    order given, to the audit trail of `location` (SQLite file or PostgreSQL URL), batched.
    Records are kind "batch", who = `who` (default: this process's user, as batch)."""

    def __init__(self, location, who=None):
        self._sink = partyscreen._native.AuditSink(location)
        self.who = who or partyscreen._native.current_user_name()
        self.appended = 0

    def append(self, records):
        self._sink.append(list(records), "batch", self.who)
        self.appended += len(records)

    def flush(self):
        """Commits everything appended; raises ValueError naming the failure."""
        self._sink.flush()


def to_frame(lines):
    """Result lines as a pandas DataFrame: id, name, hits (list of hit dicts)."""
    import pandas as pd
    rows = [json.loads(line) for line in lines]
    return pd.DataFrame({"id": [r["id"] for r in rows], "name": [r["name"] for r in rows],
                         "hits": [r["hits"] for r in rows]})


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m partyscreen.dask",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--in", dest="inp", required=True,
                    help="queries: CSV with a header or JSON lines (as batch)")
    dest = ap.add_mutually_exclusive_group(required=True)
    dest.add_argument("--out", help="results, JSON lines {id,hits}, input order")
    dest.add_argument("--out-dir", default="",
                      help="write each partition's results on its worker as DIR/part-NNNNN.jsonl "
                           "(a new or empty directory every worker reaches); the parts in name "
                           "order are --out's file")
    ap.add_argument("--list", action="append", default=[], help="list file or directory (repeat)")
    ap.add_argument("--threshold", "-t", type=float, default=None)
    ap.add_argument("--limit", type=int, default=10, help="at most this many hits per query")
    ap.add_argument("--threads", "-j", type=int, default=1, help="engine threads per task")
    ap.add_argument("--explain", action="store_true", help="add the explanation to every hit")
    ap.add_argument("--decide", action="store_true",
                    help="add the legal outcome per query (as batch --decide)")
    ap.add_argument("--eccn", action="append", default=[],
                    help="with --decide: ECCN(s) of the items (repeat)")
    ap.add_argument("--db", default="",
                    help="append every screening to this database's audit trail (as batch --db; "
                         "the client appends the workers' records in input order)")
    ap.add_argument("--scheduler", default="", help="address of a running dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (no --scheduler)")
    ap.add_argument("--blocksize", default="8MB", help="bytes of input per partition")
    args = ap.parse_args(argv)
    if args.threshold is not None and not 0 <= args.threshold <= 1:
        print(f"partyscreen.dask: --threshold: {args.threshold} is not a score from 0 to 1",
              file=sys.stderr)
        return 2
    if not os.path.exists(args.inp):
        print(f"partyscreen.dask: {args.inp}: no such file", file=sys.stderr)
        return 1
    if args.out_dir:
        if os.path.isdir(args.out_dir) and os.listdir(args.out_dir):
            print(f"partyscreen.dask: --out-dir: {args.out_dir} is not empty", file=sys.stderr)
            return 2
        try:
            os.makedirs(args.out_dir, exist_ok=True)
        except OSError as e:
            print(f"partyscreen.dask: --out-dir: {e}", file=sys.stderr)
            return 1
    audit = None
    if args.db:
        try:
            audit = AuditTrail(args.db)  # before the cluster starts: a bad --db fails fast
        except ValueError as e:
            print(f"partyscreen.dask: {e}", file=sys.stderr)
            return 1
    from distributed import Client, LocalCluster
    import time
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    errors = []
    count = 0
    options = dict(threshold=args.threshold, limit=args.limit, explain=args.explain,
                   threads=args.threads, blocksize=args.blocksize, errors=errors,
                   decide=args.decide, eccns=args.eccn, audit=audit)
    try:
        started = time.monotonic()
        # Setup: the hash on the client, the lists loaded once on every worker.
        snapshot_hash = register(client, args.list)
        loaded = time.monotonic()
        tmp = None
        if args.out_dir:
            _, count = screen_to_files(client, args.inp, args.out_dir,
                                       snapshot_hash=snapshot_hash, **options)
        else:
            # Written aside and renamed when complete, as batch does.
            out_dir = os.path.dirname(os.path.abspath(args.out))
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out_dir, delete=False,
                                             prefix=".partyscreen-dask-") as tmp:
                try:
                    for line in screen(client, args.inp, snapshot_hash=snapshot_hash, **options):
                        tmp.write(line + "\n")
                        count += 1
                except BaseException:
                    os.unlink(tmp.name)
                    raise
        audit_failed = None
        if audit is not None:
            try:
                audit.flush()  # as batch: a failed audit commit is exit 1, the results kept
            except ValueError as e:
                audit_failed = str(e)
        if tmp is not None:
            os.replace(tmp.name, args.out)
        finished = time.monotonic()
        secs = finished - started
        screening = finished - loaded
    except (SnapshotMismatch, ValueError, OSError) as e:
        print(f"partyscreen.dask: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for e in errors:
        print(f"partyscreen: {args.inp} {e} (skipped)", file=sys.stderr)
    nworkers = args.workers if not args.scheduler else "cluster"
    print(f"partyscreen.dask: {count} queries, {len(errors)} skipped, {secs:.2f} s, "
          f"{count / secs if secs else 0:.0f} queries/s ({nworkers} worker(s)); "
          f"loading {secs - screening:.2f} s, screening {screening:.2f} s, "
          f"{count / screening if screening else 0:.0f} queries/s", file=sys.stderr)
    if audit_failed:
        print(f"partyscreen.dask: {audit_failed}", file=sys.stderr)
        return 1
    return 3 if errors else 0


if __name__ == "__main__":
    from partyscreen.dask import main as _main  # the importable module, so workers unpickle it
    sys.exit(_main())
