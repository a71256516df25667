#!/usr/bin/env python3
"""The phases of a Dask run (docs/SCALE.md): on a LocalCluster of 1 and then 2 workers, the time to
register the snapshot (loaded on the client for its hash, then once on each worker) apart from
the time to screen the customers (partyscreen.dask.screen, which loads on the client once more).

    PYTHONPATH=build/python /usr/bin/python3 tools/bench_dask_phases.py build/bench_dask/customers-200000.csv
"""
import time, sys
from distributed import Client, LocalCluster
import partyscreen.dask as psd
def main():
  path = sys.argv[1]
  for n in (1, 2):
      cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
      client = Client(cluster)
      t0 = time.monotonic(); psd.register(client); t1 = time.monotonic()
      count = sum(1 for _ in psd.screen(client, path, blocksize="1MB")); t2 = time.monotonic()
      print(f"workers={n}: register (client + worker loads) {t1-t0:.1f} s; screening {count} customers {t2-t1:.1f} s = {count/(t2-t1):.0f}/s", flush=True)
      client.close(); cluster.close()

if __name__ == "__main__":
    main()
