#!/usr/bin/env python3
"""Splits jbuild builds, recorded by timeline.py with --progress=plain, into phases.

    phases.py TIMELINE...

Prints Markdown: the median seconds of every phase over the given builds, then the steps of the
first build. A RUN step is split at its last output line: before it the command ran, after it
jbuild synced the upper directory and turned it into a layer (tar, gzip, sha256, move into the
cache). That is why the benchmark's RUN commands end with an echo.
"""
import re
import statistics
import sys

STEP_START = re.compile(r"^#(\d+) \[(.+?) (\d+)/(\d+)\] (.*)$")
STEP_END = re.compile(r"^#(\d+) (DONE|ERROR|CACHED)\b")
ACTIVITY = re.compile(r"^#0 (.*)$")
OUTPUT = re.compile(r"^#(\d+) (.*)$")

PHASES = (
    ("start", "JVM start, CLI, parse, plan, cache and context open (to the first progress line)"),
    ("bases", "base images: local store lookup, or resolve, pull and unpack"),
    ("run", "RUN commands in the sandbox (step start to the command's last output line)"),
    ("snapshot", "RUN snapshots: sync, tar, gzip, sha256, commit to the cache (last output line to DONE)"),
    ("copy", "COPY steps: read sources, tar, gzip, sha256, commit"),
    ("metadata", "other steps (WORKDIR, USER, ENV, CMD, ...)"),
    ("export", "export: config and manifest into the local store (last step to the next line)"),
    ("push", "push (\"pushing\" to \"pushed\")"),
    ("exit", "exit: after the last progress line until the process ended"),
    ("gaps", "unaccounted (between the phases above)"),
)


def parse(path):
  events = []
  with open(path, encoding="utf-8") as lines:
    for line in lines:
      stamp, _, text = line.rstrip("\n").partition("\t")
      events.append((float(stamp), text))
  return events


def analyse(events):
  phases = {name: 0.0 for name, _ in PHASES}
  steps = {}
  order = []
  first_progress = None
  last_progress = None
  exit_time = events[-1][0]
  pending_activity = None
  push_start = None
  last_step_end = None
  for index, (stamp, text) in enumerate(events):
    if text.startswith("exit "):
      continue
    if text.startswith("#"):
      if first_progress is None:
        first_progress = stamp
      last_progress = stamp
    if pending_activity is not None:
      phases["bases"] += stamp - pending_activity
      pending_activity = None
    if last_step_end is not None and text.startswith("#"):
      if not STEP_END.match(text):
        # The first line after the last finished step that is not a step is the export's end.
        pass
    match = STEP_START.match(text)
    if match:
      number = int(match.group(1))
      steps[number] = {"stage": match.group(2), "position": f"{match.group(3)}/{match.group(4)}",
                       "instruction": match.group(5), "start": stamp, "end": None, "last_output": None}
      order.append(number)
      continue
    match = STEP_END.match(text)
    if match:
      number = int(match.group(1))
      if number in steps:
        steps[number]["end"] = stamp
        steps[number]["status"] = match.group(2)
        last_step_end = stamp
      continue
    match = ACTIVITY.match(text)
    if match:
      activity = match.group(1)
      if activity.startswith("using ") or activity.startswith("resolving "):
        pending_activity = stamp
      elif activity.startswith("pushing ") and push_start is None:
        push_start = stamp
        if last_step_end is not None:
          phases["export"] += stamp - last_step_end
          last_step_end = None
      elif activity.startswith("pushed ") and push_start is not None:
        phases["push"] += stamp - push_start
      continue
    match = OUTPUT.match(text)
    if match and int(match.group(1)) in steps:
      steps[int(match.group(1))]["last_output"] = stamp
      continue
    if not text.startswith("#") and last_step_end is not None and push_start is None:
      # "named ..." or the digest: the image is stored.
      phases["export"] += stamp - last_step_end
      last_step_end = None
  for number in order:
    step = steps[number]
    if step["end"] is None:
      continue
    total = step["end"] - step["start"]
    keyword = step["instruction"].split(" ", 1)[0].upper()
    step["keyword"] = keyword
    step["total"] = total
    if keyword == "RUN" and step["last_output"] is not None:
      step["command"] = step["last_output"] - step["start"]
      step["snapshot"] = step["end"] - step["last_output"]
      phases["run"] += step["command"]
      phases["snapshot"] += step["snapshot"]
    elif keyword == "RUN":
      phases["run"] += total  # no output: the command and its snapshot cannot be told apart
    elif keyword in ("COPY", "ADD"):
      phases["copy"] += total
    else:
      phases["metadata"] += total
  phases["start"] = first_progress or 0.0
  phases["exit"] = exit_time - (last_progress or exit_time)
  accounted = sum(value for name, value in phases.items() if name != "gaps")
  phases["gaps"] = max(0.0, exit_time - accounted)
  return phases, [steps[number] for number in order], exit_time


def main(paths):
  if not paths:
    sys.exit(__doc__)
  results = [analyse(parse(path)) for path in paths]
  walls = [wall for _, _, wall in results]
  wall = statistics.median(walls)
  print(f"Wall time: median {wall:.2f} s over {len(paths)} build(s) "
        f"(min {min(walls):.2f}, max {max(walls):.2f}).")
  print()
  print("| phase | seconds (median) | share |")
  print("|---|---:|---:|")
  for name, title in PHASES:
    value = statistics.median(phases[name] for phases, _, _ in results)
    print(f"| {title} | {value:.2f} | {100 * value / wall:.0f}% |")
  print()
  print("Steps of the first build (seconds):")
  print()
  print("| # | stage | instruction | total | command | snapshot |")
  print("|---:|---|---|---:|---:|---:|")
  _, steps, _ = results[0]
  for number, step in enumerate(steps, start=1):
    instruction = step["instruction"]
    if len(instruction) > 60:
      instruction = instruction[:57] + "..."
    instruction = instruction.replace("|", "\\|")
    command = f"{step['command']:.2f}" if "command" in step else ""
    snapshot = f"{step['snapshot']:.2f}" if "snapshot" in step else ""
    total = f"{step['total']:.2f}" if "total" in step else "?"
    print(f"| {number} | {step['stage']} | `{instruction}` | {total} | {command} | {snapshot} |")


if __name__ == "__main__":
  main(sys.argv[1:])
