"""Two `partyscreen serve --db postgresql` processes on one PostgreSQL (issue 17, item 3).

Both servers take concurrent /screen traffic from several client threads, starting on an empty
database (the race for the audit chain's first record included); afterwards `audit verify`
passes (one chain, no fork), and the trail holds every answered request exactly once: none lost,
none duplicated. Each server reports the snapshot it serves (/readyz).

    PARTYSCREEN_BINARY=build/partyscreen python3 tests/server/multi_server_postgres_test.py
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from throwaway_postgres import Postgres  # noqa: E402

BINARY = os.environ["PARTYSCREEN_BINARY"]
REQUESTS = int(os.environ.get("MULTI_SERVER_REQUESTS", "600"))
CLIENT_THREADS = 8


class Server:
    def __init__(self, db, tmp, name, extra=()):
        self.err_path = os.path.join(tmp, name + ".err")
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--no-auth", "--db", db,
             "--threads", "4", *extra], stdout=subprocess.DEVNULL, stderr=self.err)
        self.port = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.port is None:
            with open(self.err_path) as f:
                m = re.search(r"serving on 127\.0\.0\.1:(\d+)", f.read())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None:
                raise AssertionError(f"{name} exited: {open(self.err_path).read()}")
            else:
                time.sleep(0.1)
        if self.port is None:
            raise AssertionError(f"{name} did not start: {open(self.err_path).read()}")

    def get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
            return r.status, json.loads(r.read())

    def post(self, path, body):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.err.close()


NAMES = ["Hikvision", "Huawei Technologies", "Rosneft", "Maria Gonzalez", "Acme Trading Ltd",
         "Kim Jong Un", "Bank Melli Iran", "Oceanic Shipping"]


class TwoServersOnePostgres(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="partyscreen-multi-")
        cls.pg = Postgres()
        # Both start before any traffic, on a database that has no audit record yet.
        cls.servers = [Server(cls.pg.conninfo, cls.tmp, "a"), Server(cls.pg.conninfo, cls.tmp, "b")]

    @classmethod
    def tearDownClass(cls):
        for s in cls.servers:
            s.stop()
        cls.pg.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cli(self, *args):
        return subprocess.run([BINARY, *args], capture_output=True, text=True)

    def test_concurrent_screening_keeps_one_chain_without_loss_or_duplicates(self):
        answered, failures = [], []
        lock = threading.Lock()

        def client(k):
            for i in range(k, REQUESTS, CLIENT_THREADS):
                server = self.servers[i % 2]  # any load balancer: alternate
                rid = f"req-{i:05d}"
                status, body = server.post("/screen", {"name": NAMES[i % len(NAMES)], "id": rid})
                with lock:
                    (answered if status == 200 else failures).append((rid, status, body))

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENT_THREADS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        secs = time.monotonic() - started
        print(f"{len(answered)} /screen answers from 2 servers in {secs:.2f} s "
              f"({len(answered) / secs:.0f}/s)", file=sys.stderr)
        self.assertEqual(failures, [])
        self.assertEqual(len(answered), REQUESTS)

        verify = self.run_cli("audit", "verify", "--db", self.pg.conninfo)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        export = self.run_cli("audit", "export", "--db", self.pg.conninfo)
        self.assertEqual(export.returncode, 0, export.stderr)
        lines = [line for line in export.stdout.splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]
        for before, after in zip(records, records[1:]):  # one chain: each links to the last
            self.assertEqual(after["prev_hash"], before["hash"])
        self.assertEqual(len({r["hash"] for r in records}), len(records))
        ids = [rid for line in lines for rid in set(re.findall(r'"(req-\d{5})"', line))]
        self.assertEqual(sorted(ids), sorted(rid for rid, _, _ in answered))  # none lost or twice

    def test_each_server_reports_its_snapshot(self):
        snapshots = set()
        for s in self.servers:
            status, body = s.get("/readyz")
            self.assertEqual(status, 200)
            snapshots.add(body["snapshot"])
        self.assertEqual(len(snapshots), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
