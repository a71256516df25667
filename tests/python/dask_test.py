"""Distributed batch on Dask (issue 17, item 2): a LocalCluster of 2 worker processes screens
generated customers (tools/make_customers.py) with results identical to `partyscreen batch`, and
a worker with another snapshot refuses to screen. With --db the client appends the workers' audit
records to a SQLite file or a PostgreSQL database (a throwaway server, when Debian's postgresql is
installed): the records `batch --db` writes, in input order.

    PYTHONPATH=build/python PARTYSCREEN_BINARY=build/partyscreen PARTYSCREEN_SHARED_DIR=../shared \
        PARTYSCREEN_SOURCE_DIR=. python3 tests/python/dask_test.py
DASK_TEST_CUSTOMERS sets the count (20000 here to keep CI short; docs/SCALE.md ran 200000).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import partyscreen
import partyscreen.dask as psdask

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import throwaway_postgres  # noqa: E402

BINARY = os.environ["PARTYSCREEN_BINARY"]
SHARED = os.environ.get("PARTYSCREEN_SHARED_DIR", "../shared")
SOURCE = os.environ.get("PARTYSCREEN_SOURCE_DIR", ".")
COUNT = int(os.environ.get("DASK_TEST_CUSTOMERS", "20000"))

CUSTOM_LIST = """id,name,schema,countries
X-1,Northgate Logistics Holdings,Organization,CY
X-2,Marek Dvorsky,Person,CZ
"""


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def audit_records(db):
    """The exported audit trail of `db` without what differs between two runs (commit times,
    hence hashes): kind, who, query, snapshot, engine, threshold and hits of each record, in
    order; and `audit verify` must pass."""
    verify = subprocess.run([BINARY, "audit", "verify", "--db", db], capture_output=True,
                            text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    export = subprocess.run([BINARY, "audit", "export", "--db", db], capture_output=True,
                            text=True, check=True)
    records = []
    for line in export.stdout.splitlines():
        if line.strip():
            r = json.loads(line)
            for key in ("at", "prev_hash", "hash"):
                r.pop(key, None)
            records.append(r)
    return records


class DaskEqualsBatch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from distributed import Client, LocalCluster
        cls.tmp = tempfile.mkdtemp(prefix="partyscreen-dask-")
        cls.customers = os.path.join(cls.tmp, "customers.csv")
        subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "make_customers.py"),
                        "--count", str(COUNT), "--seed", "7", "--out", cls.customers,
                        "--dev", os.path.join(SHARED, "eval", "dev.jsonl"),
                        "--sdn", os.path.join(SHARED, "lists", "ofac", "sdn-2024-07-02", "sdn.csv")],
                       check=True)
        cls.batch_out = os.path.join(cls.tmp, "batch.jsonl")
        p = subprocess.run([BINARY, "batch", "--in", cls.customers, "--out", cls.batch_out,
                            "--threads", "2"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        cls.batch = read(cls.batch_out).splitlines()
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_customers_have_real_alerts(self):
        self.assertEqual(len(self.batch), COUNT)
        self.assertGreater(sum(1 for line in self.batch if '"hits":[]' not in line), 50)

    def run_entry_point(self, *args):
        """`python3 -m partyscreen.dask --in <the customers> --workers 2 ARGS`."""
        return subprocess.run([sys.executable, "-m", "partyscreen.dask", "--in", self.customers,
                               "--workers", "2", *args], capture_output=True, text=True)

    def test_entry_point_writes_the_batch_file(self):
        out = os.path.join(self.tmp, "dask.jsonl")
        p = self.run_entry_point("--out", out, "--blocksize", "256KB")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"{COUNT} queries", p.stderr)
        self.assertEqual(read(out), read(self.batch_out))

    def test_entry_point_out_dir_parts_make_the_batch_file(self):
        out_dir = os.path.join(self.tmp, "parts")
        p = self.run_entry_point("--out-dir", out_dir, "--blocksize", "64KB")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"{COUNT} queries", p.stderr)
        parts = sorted(os.listdir(out_dir))
        self.assertGreaterEqual(len(parts), 2, parts)  # several partitions, each its own file
        self.assertTrue(all(n.startswith("part-") and n.endswith(".jsonl") for n in parts), parts)
        joined = "".join(read(os.path.join(out_dir, n)) for n in parts)
        self.assertEqual(joined, read(self.batch_out))
        # A directory holding anything already is refused (old parts would mix in).
        p = self.run_entry_point("--out-dir", out_dir)
        self.assertEqual(p.returncode, 2)
        self.assertIn("is not empty", p.stderr)

    def subset(self, rows):
        """The first `rows` customers, as their own CSV file."""
        path = os.path.join(self.tmp, f"customers-{rows}.csv")
        with open(self.customers, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as o:
            for i, line in enumerate(f):
                if i > rows:
                    break
                o.write(line)
        return path

    def check_decide_and_db_equal_batch(self, db, tag):
        """`partyscreen.dask --decide --db db` against `batch --decide --db` (SQLite) on 3,000
        customers: the same file byte for byte, the same audit records in input order."""
        customers = self.subset(3000)
        batch_out, batch_db = (os.path.join(self.tmp, tag + n) for n in ("bd.jsonl", "bd.db"))
        p = subprocess.run([BINARY, "batch", "--in", customers, "--out", batch_out, "--decide",
                            "--db", batch_db, "--threads", "2"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(self.tmp, tag + "dd.jsonl")
        p = subprocess.run([sys.executable, "-m", "partyscreen.dask", "--in", customers,
                            "--out", out, "--workers", "2", "--blocksize", "64KB", "--decide",
                            "--db", db], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = read(out).splitlines()
        self.assertEqual(len(lines), 3000)
        self.assertEqual(read(out), read(batch_out))  # the decisions byte for byte
        outcomes = {json.loads(line)["decision"]["outcome"] for line in lines}
        self.assertGreater(len(outcomes), 1, outcomes)  # real decisions, not all CLEAR
        got, want = audit_records(db), audit_records(batch_db)
        self.assertEqual(len(got), 3000)
        self.assertEqual(got, want)  # the same records, in input order
        self.assertEqual({r["kind"] for r in got}, {"batch"})

    def test_entry_point_decide_and_db_equal_batch(self):
        self.check_decide_and_db_equal_batch(os.path.join(self.tmp, "dd.db"), "sqlite-")

    @unittest.skipUnless(throwaway_postgres.available(), "no PostgreSQL server binaries")
    def test_entry_point_db_on_postgresql_equals_batch(self):
        pg = throwaway_postgres.Postgres()
        try:
            self.check_decide_and_db_equal_batch(pg.conninfo, "pg-")
        finally:
            pg.stop()

    def test_decide_with_eccn_on_the_cluster_equals_batch(self):
        customers = self.subset(1500)
        batch_out = os.path.join(self.tmp, "be.jsonl")
        p = subprocess.run([BINARY, "batch", "--in", customers, "--out", batch_out, "--decide",
                            "--eccn", "3A001", "--threshold", "0.85"], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        got = list(psdask.screen(self.client, customers, blocksize="32KB", decide=True,
                                 eccns=["3A001"], threshold=0.85))
        self.assertEqual(got, read(batch_out).splitlines())

    def test_db_that_cannot_be_opened_is_refused_before_the_cluster_starts(self):
        out = os.path.join(self.tmp, "never.jsonl")
        p = subprocess.run([sys.executable, "-m", "partyscreen.dask", "--in", self.customers,
                            "--out", out, "--db", os.path.join(self.tmp, "no-dir", "x.db")],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("x.db", p.stderr)
        self.assertFalse(os.path.exists(out))

    def test_csv_partitions_on_the_cluster_equal_batch(self):
        got = list(psdask.screen(self.client, self.customers, blocksize="128KB"))
        self.assertEqual(got, self.batch)

    def test_pandas_and_dask_dataframes_equal_batch(self):
        import dask.dataframe as dd
        import pandas as pd
        frame = pd.read_csv(self.customers, dtype=str, keep_default_na=False)
        self.assertEqual(list(psdask.screen(self.client, frame)), self.batch)
        ddf = dd.from_pandas(frame, npartitions=7)
        self.assertEqual(list(psdask.screen(self.client, ddf)), self.batch)
        table = psdask.to_frame(self.batch[:100])
        self.assertEqual(list(table.columns), ["id", "name", "hits"])

    def test_each_worker_loads_the_snapshot_once(self):
        snapshot_hash = psdask.register(self.client)
        psdask.register(self.client)  # again: no second load on a worker that has it

        def loads(dask_worker):
            return dask_worker._partyscreen["loads"].get(snapshot_hash, 0)
        per_worker = self.client.run(loads)
        self.assertEqual(len(per_worker), 2)
        self.assertEqual(list(per_worker.values()), [1, 1])

    def test_a_worker_with_another_snapshot_refuses(self):
        lists_dir = os.path.join(self.tmp, "custom")
        os.makedirs(lists_dir, exist_ok=True)
        path = os.path.join(lists_dir, "list.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(CUSTOM_LIST)
        spec = "custom-csv:" + path
        snapshot_hash = psdask.register(self.client, [spec])
        # The list changes on disk; a worker that joins now loads other data than the client's.
        with open(path, "a", encoding="utf-8") as f:
            f.write("X-3,Oceanic Star Shipping,Organization,PA\n")
        before = set(self.client.scheduler_info()["workers"])
        self.cluster.scale(3)
        self.client.wait_for_workers(3)
        newcomer = (set(self.client.scheduler_info()["workers"]) - before).pop()
        import pandas as pd
        part = pd.DataFrame({"id": ["1"], "name": ["Marek Dvorsky"]})
        options = partyscreen._options(None, 10, False, 1)
        refused = self.client.submit(psdask._screen_frame_part, part, snapshot_hash, options, 2,
                                     workers=[newcomer], allow_other_workers=False, pure=False)
        with self.assertRaises(psdask.SnapshotMismatch) as caught:
            refused.result()
        self.assertIn(snapshot_hash[:16], str(caught.exception))
        self.assertIn("refusing", str(caught.exception))
        # The workers that loaded the client's snapshot screen as before.
        old = sorted(before)[0]
        ok = self.client.submit(psdask._screen_frame_part, part, snapshot_hash, options, 2,
                                workers=[old], allow_other_workers=False, pure=False).result()
        self.assertIn("custom:X-2", ok[0][0])
        # Registering the client's hash where the files now say otherwise fails loudly.
        plugin = psdask.SnapshotPlugin([spec], None, snapshot_hash)
        with self.assertRaises(psdask.SnapshotMismatch):
            self.client.register_worker_plugin(plugin, name=plugin.name + "-again")
        self.cluster.scale(2)
        self.client.wait_for_workers(2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
