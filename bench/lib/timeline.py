#!/usr/bin/env python3
"""Runs a command and writes every line of its standard error, prefixed with the seconds since
the command was started, to a file (standard output is kept as it is, in OUT.stdout).

    timeline.py OUT COMMAND [ARGS...]

jbuild prints no times of its own except "#N DONE 1.2s"; stamping each progress line as it
arrives shows where the rest of the time goes (start-up, snapshots, export, push, exit). Exits
with the command's exit code; the last line of OUT is "<seconds>\\texit <code>".
"""
import subprocess
import sys
import time


def main(arguments):
  if len(arguments) < 2:
    sys.exit(__doc__)
  out_path, command = arguments[0], arguments[1:]
  with open(out_path, "w", encoding="utf-8") as out, open(out_path + ".stdout", "wb") as stdout:
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    for raw in process.stderr:
      out.write(f"{time.monotonic() - start:.3f}\t{raw.decode('utf-8', 'replace').rstrip()}\n")
    code = process.wait()
    out.write(f"{time.monotonic() - start:.3f}\texit {code}\n")
  sys.exit(code)


if __name__ == "__main__":
  main(sys.argv[1:])
