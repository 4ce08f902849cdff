#!/usr/bin/env python3
"""Samples the summed resident set size of some processes until terminated.

    rss.py OUTFILE PID...

Every 50 ms it adds up VmRSS of the given PIDs (a PID that has gone counts 0). On SIGTERM or
SIGINT it writes "BASELINE_KB PEAK_KB" to OUTFILE: the first sample and the largest. The bench
uses it for BuildKit, whose work happens in long-lived daemons (dockerd and containerd), so the
cost of a build is the daemons' growth (PEAK - BASELINE) while it runs.
"""
import signal
import sys
import time


def rss_kb(pid):
  try:
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
      for line in status:
        if line.startswith("VmRSS:"):
          return int(line.split()[1])
  except (FileNotFoundError, ProcessLookupError, PermissionError):
    pass
  return 0


def main(arguments):
  if len(arguments) < 2:
    sys.exit(__doc__)
  out, pids = arguments[0], arguments[1:]
  samples = {"baseline": None, "peak": 0}

  def finish(*_):
    total = sum(rss_kb(pid) for pid in pids)
    samples["peak"] = max(samples["peak"], total)
    baseline = samples["baseline"] if samples["baseline"] is not None else total
    with open(out, "w", encoding="ascii") as result:
      result.write(f"{baseline} {samples['peak']}\n")
    sys.exit(0)

  signal.signal(signal.SIGTERM, finish)
  signal.signal(signal.SIGINT, finish)
  while True:
    total = sum(rss_kb(pid) for pid in pids)
    if samples["baseline"] is None:
      samples["baseline"] = total
      # Tell the caller sampling has started, so the baseline precedes the build.
      with open(out + ".ready", "w", encoding="ascii") as ready:
        ready.write("ready\n")
    samples["peak"] = max(samples["peak"], total)
    time.sleep(0.05)


if __name__ == "__main__":
  main(sys.argv[1:])
