"""A throwaway PostgreSQL server for the Python tests (server/multi_server_*_test.py,
python/dask_test.py): initdb into a temporary directory, listening on a Unix socket there only
(as the `postgres` user when run as root); `conninfo` is what `--db` takes; `stop()` removes it.
`available()` says whether Debian's postgresql binaries are installed."""
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"


def available():
    return os.path.exists(os.path.join(PG_BIN, "initdb"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env():
    """This environment without a sanitizer runtime preloaded for the tests (tests/python's
    CMakeLists in a sanitizer build): PostgreSQL is not this project's code and is not built for
    it."""
    return {k: v for k, v in os.environ.items()
            if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS")}


class Postgres:
    """A throwaway server (initdb into a temporary directory; as `postgres` when root)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="partyscreen-pg-")
        self.prefix = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        data = os.path.join(self.dir, "data")
        subprocess.run(self.prefix + [f"{PG_BIN}/initdb", "-D", data, "-A", "trust", "-U",
                                      "postgres"], check=True, capture_output=True, env=server_env())
        self.pg_ctl = self.prefix + [f"{PG_BIN}/pg_ctl", "-D", data]
        subprocess.run(self.pg_ctl + ["-w", "-l", os.path.join(self.dir, "server.log"), "-o",
                                      f"-p {self.port} -k {self.dir} -c listen_addresses=''",
                                      "start"], check=True, capture_output=True, env=server_env())
        self.conninfo = f"host={self.dir} port={self.port} user=postgres dbname=postgres"

    def stop(self):
        subprocess.run(self.pg_ctl + ["-m", "immediate", "stop"], capture_output=True,
                       env=server_env())
        shutil.rmtree(self.dir, ignore_errors=True)
