"""The Python package against the CLI (issue 17, item 1): the same records give the same result
lines as `partyscreen batch`, on the development set ../shared/eval/dev.jsonl.

    PYTHONPATH=build/python PARTYSCREEN_BINARY=build/partyscreen \
        PARTYSCREEN_SHARED_DIR=../shared python3 tests/python/package_test.py
"""
import json
import os
import subprocess
import tempfile
import threading
import unittest

import partyscreen

BINARY = os.environ["PARTYSCREEN_BINARY"]
DEV = os.path.join(os.environ.get("PARTYSCREEN_SHARED_DIR", "../shared"), "eval", "dev.jsonl")


def run_cli(*args):
    return subprocess.run([BINARY, *args], check=False, capture_output=True, text=True)


def batch_lines(queries_path, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.jsonl")
        p = run_cli("batch", "--in", queries_path, "--out", out, "--threads", "2", *extra)
        if p.returncode not in (0, 3):
            raise AssertionError(f"batch failed: {p.stderr}")
        with open(out, encoding="utf-8") as f:
            return f.read().splitlines()


class PythonEqualsCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lists = partyscreen.load()
        with open(DEV, encoding="utf-8") as f:
            cls.records = [json.loads(line) for line in f if line.strip()]
        cls.batch = batch_lines(DEV)

    def test_dev_set_is_there(self):
        self.assertGreater(len(self.records), 2000)
        self.assertEqual(len(self.batch), len(self.records))

    def test_screen_many_of_dicts_equals_batch_on_dev_set(self):
        got = self.lists.screen_many(self.records, threads=2, as_text=True)
        self.assertEqual(got, self.batch)
        # Not a trivial equality: the set raises real hits (1,180 of 2,380 on the bundled lists).
        self.assertGreater(sum(1 for line in got if json.loads(line)["hits"]), 1000)

    def test_screen_many_objects_are_the_parsed_batch_lines(self):
        got = self.lists.screen_many(self.records[:300], threads=2)
        self.assertEqual(got, [json.loads(line) for line in self.batch[:300]])

    def test_screen_file_equals_batch(self):
        self.assertEqual(self.lists.screen_file(DEV, threads=2, as_text=True), self.batch)

    def test_screen_with_explanations_equals_batch_explain(self):
        sample = self.records[:200]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "q.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for r in sample:
                    f.write(json.dumps(r) + "\n")
            explained = [json.loads(line) for line in batch_lines(path, "--explain")]
        for r, want in zip(sample, explained):
            hits = self.lists.screen(r["name"], schema=r.get("schema"), country=r.get("country"),
                                     birth_date=r.get("birth_date"))
            self.assertEqual(hits, want["hits"], r["name"])
        some = next(w for w in explained if w["hits"])["hits"][0]
        self.assertIn("summary", some["explanation"])

    def test_dataframe_equals_batch_on_csv(self):
        import pandas as pd
        rows = [{"id": r["id"], "name": r["name"], "schema": r.get("schema", "")}
                for r in self.records[:500]]
        frame = pd.DataFrame(rows)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "q.csv")
            frame.to_csv(path, index=False)
            want = batch_lines(path)
        self.assertEqual(self.lists.screen_many(frame, threads=2, as_text=True), want)

    def test_threads_release_the_gil(self):
        # Two Python threads screening at once get what one thread gets.
        sample = self.records[:400]
        results = [None, None]

        def work(i):
            results[i] = self.lists.screen_many(sample, as_text=True)
        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results[0], self.batch[:400])
        self.assertEqual(results[1], self.batch[:400])

    def test_compare_equals_cli(self):
        for a, b in [("Hikvision", "Hikvission"), ("Vladimir Putin", "PUTIN, Vladimir"),
                     ("Acme Trading", "Zenith Shipping")]:
            got = partyscreen.compare(a, b)
            cli = run_cli("compare", a, b)
            self.assertEqual(cli.returncode, 0, cli.stderr)
            self.assertEqual(f"{got['score']:.3f}", cli.stdout.splitlines()[0], (a, b))
            self.assertIn("aligned", got["explanation"])

    def test_check_equals_cli(self):
        got = self.lists.check(["Hikvision"], destination="CN")
        cli = run_cli("check", "--party", "Hikvision", "--destination", "CN", "--json")
        want = json.loads(cli.stdout)
        for key in ("threshold", "review_band_lower"):
            want.pop(key)
        self.assertEqual(got, want)
        self.assertNotEqual(got["outcome"], "CLEAR")

    def test_snapshot_hash_is_the_clis(self):
        cli = run_cli("lists", "--json")
        self.assertEqual(self.lists.snapshot_hash, json.loads(cli.stdout)["snapshot"])
        # The hash alone (what a Dask client plans with) is the loaded snapshot's.
        self.assertEqual(partyscreen.snapshot_hash(), self.lists.snapshot_hash)
        with self.assertRaisesRegex(ValueError, "no-such-list.csv"):
            partyscreen.snapshot_hash(["csl-csv:/nonexistent/no-such-list.csv"])

    def test_bad_records_are_named(self):
        with self.assertRaises(partyscreen.ScreeningError) as caught:
            self.lists.screen_many([{"name": "Hikvision"}, {"name": ""}, {"name": "x", "birth_date": "23/11/1962"}])
        self.assertEqual([p for p, _ in caught.exception.errors], [2, 3])
        self.assertIn("name: missing or empty", caught.exception.errors[0][1])
        self.assertIn("birth_date", caught.exception.errors[1][1])
        kept = self.lists.screen_many([{"name": "Hikvision"}, {"name": ""}], errors="skip")
        self.assertEqual([r["id"] for r in kept], ["1"])
        with self.assertRaisesRegex(ValueError, "schema"):
            self.lists.screen("Hikvision", schema="Spaceship")

    def test_missing_list_file_is_named(self):
        with self.assertRaisesRegex(ValueError, "no-such-list.csv"):
            partyscreen.load(["/nonexistent/no-such-list.csv"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
