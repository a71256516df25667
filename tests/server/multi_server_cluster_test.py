"""Two `partyscreen serve --db postgresql` processes on one PostgreSQL (issue 17, item 3):
/readyz compares the snapshots the servers serve, and a review made through one server's
workbench is what the other shows.

- Readiness: each server records the snapshot it serves in the database (a heartbeat row per
  server id, at start, at each reload and every --heartbeat-every); /readyz reports its own
  snapshot and, in "cluster", the other live servers' ids and hashes, with status "differ" when
  one serves another snapshot. Both servers serve one list file; it is rewritten and only server
  a reloads: both /readyz answers say they differ, each naming the other; b reloads: "same";
  b stops: a is "alone". Readiness stays 200 throughout. A SQLite server's /readyz has no
  "cluster", only the fields it always had.
- Reviews: a customer whose alert is open; an analyst clears it (false positive) through server
  a's /ui decision form; server b's customer page, its queue and `customers show` see the
  decision at once (nothing is cached per server).

    PARTYSCREEN_BINARY=build/partyscreen python3 tests/server/multi_server_cluster_test.py
"""
import html
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from multi_server_postgres_test import BINARY, Postgres, Server  # noqa: E402

LIST_V1 = ("id,name,schema,countries,programs\n"
           "NG-1,Northgate Logistics Holdings,Organization,CY,TEST\n"
           "MD-2,Marek Dvorsky,Person,CZ,TEST\n")
LIST_V2 = LIST_V1 + "OB-3,Oberland Maritime Services,Organization,MT,TEST\n"


def run_cli(*args, stdin=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, input=stdin)


def wait_for(what, fetch, check, seconds=60):
    """Polls fetch() until check(value) holds; fails naming `what` and the last value."""
    deadline = time.monotonic() + seconds
    value = fetch()
    while not check(value):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still {json.dumps(value)[:2000]}")
        time.sleep(0.2)
        value = fetch()
    return value


class ReadyzComparesTheServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="partyscreen-cluster-")
        cls.pg = Postgres()
        cls.list_path = os.path.join(cls.tmp, "own-list.csv")
        with open(cls.list_path, "w") as f:
            f.write(LIST_V1)
        cls.servers = {}
        for name in ("a", "b"):
            cls.servers[name] = Server(
                cls.pg.conninfo, cls.tmp, name,
                ["--list", "custom-csv:" + cls.list_path, "--server-id", name,
                 "--heartbeat-every", "1s"])

    @classmethod
    def tearDownClass(cls):
        for s in cls.servers.values():
            s.stop()
        cls.pg.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def readyz(self, name):
        status, body = self.servers[name].get("/readyz")
        self.assertEqual(status, 200)  # differing snapshots never make a server unready
        self.assertEqual(body["status"], "ready")
        return body

    def test_readyz_says_when_the_servers_differ(self):
        a, b = "a", "b"
        first = self.readyz(a)["snapshot"]
        for me, other in ((a, b), (b, a)):
            body = wait_for(f"{me} sees {other} with the same snapshot",
                            lambda: self.readyz(me),
                            lambda r: r["cluster"]["status"] == "same")
            c = body["cluster"]
            self.assertEqual(c["server_id"], me)
            self.assertEqual(c["snapshot"], first)
            self.assertEqual([s["server_id"] for s in c["servers"]], [other])
            self.assertEqual(c["servers"][0]["snapshot"], first)
            self.assertTrue(c["servers"][0]["same_snapshot"])
            self.assertEqual(c["differing"], [])

        # Another list file in place; only a reloads.
        with open(self.list_path, "w") as f:
            f.write(LIST_V2)
        status, reloaded = self.servers[a].post("/admin/reload", {})
        self.assertEqual(status, 200, reloaded)
        second = reloaded["snapshot"]
        self.assertNotEqual(second, first)

        body_a = wait_for("a says b differs", lambda: self.readyz(a),
                          lambda r: r["cluster"]["status"] == "differ")
        self.assertEqual(body_a["snapshot"], second)
        self.assertEqual(body_a["cluster"]["differing"], [b])
        self.assertEqual(body_a["cluster"]["servers"][0]["snapshot"], first)
        self.assertFalse(body_a["cluster"]["servers"][0]["same_snapshot"])
        self.assertIn("b", body_a["cluster"]["warning"])

        body_b = wait_for("b sees a's new snapshot", lambda: self.readyz(b),
                          lambda r: r["cluster"]["status"] == "differ")
        self.assertEqual(body_b["snapshot"], first)  # b still serves the old one
        self.assertEqual(body_b["cluster"]["differing"], [a])
        peer = body_b["cluster"]["servers"][0]
        self.assertEqual((peer["server_id"], peer["snapshot"], peer["generation"]), (a, second, 2))
        self.assertGreater(peer["loaded_unix_seconds"], 0)

        status, reloaded = self.servers[b].post("/admin/reload", {})
        self.assertEqual(status, 200, reloaded)
        for me in (a, b):
            body = wait_for(f"{me} agrees again", lambda: self.readyz(me),
                            lambda r: r["cluster"]["status"] == "same")
            self.assertEqual(body["snapshot"], second)

        # A server stopped cleanly deletes its row: the other is alone at once.
        self.servers.pop(b).stop()
        body = wait_for("a is alone", lambda: self.readyz(a),
                        lambda r: r["cluster"]["status"] == "alone")
        self.assertEqual(body["cluster"]["servers"], [])

    def test_sqlite_server_readyz_is_unchanged(self):
        db = os.path.join(self.tmp, "single.db")
        s = Server(db, self.tmp, "sqlite", ["--list", "custom-csv:" + self.list_path])
        try:
            status, body = s.get("/readyz")
            self.assertEqual(status, 200)
            self.assertEqual(body["status"], "ready")
            self.assertNotIn("cluster", body)
            # The fields it always had (warning: the undated custom list counts as stale).
            self.assertLessEqual(set(body), {"entities", "lists", "snapshot", "status",
                                             "warning"})
        finally:
            s.stop()


class Browser:
    """One analyst's session on one server's workbench (cookies kept per server)."""

    def __init__(self, server):
        self.base = f"http://127.0.0.1:{server.port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.status, r.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=data),
                              timeout=30) as r:
            return r.status, r.read().decode()  # after the 303 to the next page

    @staticmethod
    def csrf(page):
        m = re.search(r'name="csrf" value="([^"]+)"', page)
        assert m, page[:2000]
        return html.unescape(m.group(1))

    def login(self, user, password):
        _, page = self.get("/ui/login")
        status, page = self.post("/ui/login", {"csrf": self.csrf(page), "user": user,
                                               "password": password})
        assert status == 200 and "Log out" in page, page[:2000]


class ReviewThroughOneServerSeenByTheOther(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="partyscreen-cluster-review-")
        cls.pg = Postgres()
        db = cls.pg.conninfo
        cls.list_spec = "custom-csv:" + os.path.join(cls.tmp, "own-list.csv")
        with open(os.path.join(cls.tmp, "own-list.csv"), "w") as f:
            f.write(LIST_V1)
        customers = os.path.join(cls.tmp, "customers.csv")
        with open(customers, "w") as f:
            f.write("id,name,schema,country\n"
                    "C-1,Northgate Logistics Holdings Ltd,Organization,CY\n"
                    "C-2,Harbour Bakery,Organization,GB\n")
        for args, stdin in ((["customers", "import", customers, "--db", db], None),
                            (["rescreen", "--all", "--db", db, "--list", cls.list_spec], None),
                            (["users", "add", "alice", "--role", "analyst", "--db", db],
                             "alice-long-password\n"),
                            (["users", "add", "bob", "--role", "analyst", "--db", db],
                             "bob-long-password-2\n")):
            r = run_cli(*args, stdin=stdin)
            assert r.returncode == 0, (args, r.stdout, r.stderr)
        cls.servers = [Server(db, cls.tmp, name, ["--list", cls.list_spec])
                       for name in ("a", "b")]

    @classmethod
    def tearDownClass(cls):
        for s in cls.servers:
            s.stop()
        cls.pg.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def alert_state(self, page, entity):
        m = re.search(r'entity=' + re.escape(urllib.parse.quote(entity, safe="")) +
                      r'">[^<]*</a></td><td>[^<]*</td><td>[^<]*</td><td>(\w+)</td>', page)
        self.assertIsNotNone(m, page[:3000])
        return m.group(1)

    def test_a_decision_on_one_server_is_seen_by_the_other(self):
        a, b = Browser(self.servers[0]), Browser(self.servers[1])
        a.login("alice", "alice-long-password")
        b.login("bob", "bob-long-password-2")
        entity = "custom:NG-1"
        _, before = b.get("/ui/customer?id=C-1")
        self.assertEqual(self.alert_state(before, entity), "open")
        _, queue = b.get("/ui/")
        self.assertIn("C-1", queue)

        _, alert = a.get("/ui/alert?customer=C-1&entity=" + urllib.parse.quote(entity))
        self.assertIn('action="/ui/alert/decide"', alert)
        status, _ = a.post("/ui/alert/decide", {
            "csrf": a.csrf(alert), "customer": "C-1", "entity": entity,
            "decision": "false_positive",
            "reason": "different company: registered 2019 in Limassol, checked on server a"})
        self.assertEqual(status, 200)

        # Server b, with its session opened before the decision: the decision is there at once.
        _, after = b.get("/ui/customer?id=C-1")
        self.assertEqual(self.alert_state(after, entity), "suppressed")
        self.assertIn("checked on server a", after)
        self.assertIn("alice", after)
        _, queue = b.get("/ui/")
        self.assertNotIn("customer=C-1", queue)
        _, alert_b = b.get("/ui/alert?customer=C-1&entity=" + urllib.parse.quote(entity))
        self.assertNotIn('action="/ui/alert/decide"', alert_b)  # nothing left to decide on b
        shown = run_cli("customers", "show", "C-1", "--db", self.pg.conninfo)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        self.assertIn("suppressed", shown.stdout)
        verify = run_cli("audit", "verify", "--db", self.pg.conninfo)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)

    def test_a_login_on_one_server_is_a_session_on_the_other(self):
        # One browser behind a load balancer without sticky sessions: the same cookie reaches
        # both servers (cookies are per host, not per port). Sessions live in the database.
        a = Browser(self.servers[0])
        a.login("alice", "alice-long-password")
        b = Browser(self.servers[1])
        b.opener = a.opener  # the same cookie jar
        status, queue = b.get("/ui/")
        self.assertEqual(status, 200)
        self.assertIn("Log out", queue)
        self.assertIn("alice", queue)
        # Logging out on b ends the session on a too.
        status, page = b.post("/ui/logout", {"csrf": b.csrf(queue)})
        self.assertEqual(status, 200)
        _, page = a.get("/ui/")
        self.assertNotIn("Log out", page)
        self.assertIn('name="password"', page)


if __name__ == "__main__":
    unittest.main(verbosity=2)
