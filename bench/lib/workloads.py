#!/usr/bin/env python3
"""Generates the benchmark workloads of issue 7 (a Dockerfile and a build context each) and the
one-file change of each.

    workloads.py generate NAME DIR [BASE_REF]   write workload NAME into DIR (DIR is replaced)
    workloads.py change NAME DIR TOKEN          change exactly one source file of the workload in DIR
    workloads.py base DIR                       the Dockerfile of large-rootfs's 100,000-file base

Workloads use no heredocs (Debian's BuildKit knows none without a # syntax image) and no network
(every builder runs with --network none). Content is deterministic, so every builder gets the
same bytes.
"""
import os
import random
import shutil
import sys

NAMES = ("service", "many-steps", "big-layer", "large-rootfs", "parallel-stages")

# The file each workload's one-file change edits, relative to the context.
CHANGED_FILE = {
    "service": "src/module00/File0000.java",
    "many-steps": "files/step26.txt",
    "big-layer": "marker.txt",
    "large-rootfs": "marker.txt",
    "parallel-stages": None,  # measured cold only
}

SERVICE_DOCKERFILE = """\
# A service: dependencies installed in one stage (20,000 small files), an independent tool stage
# a parallel builder can overlap, the sources compiled on top of the dependencies, and a slim
# runtime stage.
FROM debian:bookworm-slim AS deps
WORKDIR /deps
COPY deps.txt ./
RUN for p in $(seq 1 200); do mkdir -p node_modules/pkg$p/lib; for f in $(seq 1 100); do echo "module.exports = { id: '$p-$f' };" > node_modules/pkg$p/lib/f$f.js; done; done; echo "installed $(find node_modules -type f | wc -l) files"

FROM debian:bookworm-slim AS tools
RUN mkdir -p /opt/tools && seq 1 3000000 | sha256sum > /opt/tools/checksum && cp /bin/ls /opt/tools/lister && echo "tools ready"

FROM deps AS build
WORKDIR /src
COPY src/ ./
RUN mkdir -p /out && tar -cf /out/app.tar . && find . -type f | wc -l > /out/files.txt && echo "built $(cat /out/files.txt) files"

FROM debian:bookworm-slim
COPY --from=deps /deps/node_modules /app/node_modules
COPY --from=build /out/ /app/
COPY --from=tools /opt/tools/checksum /app/tools.sum
USER nobody
WORKDIR /app
CMD ["/bin/sh", "-c", "cat /app/files.txt"]
"""

BIG_LAYER_DOCKERFILE = """\
# One RUN writing 1 GiB, half random (incompressible) and half text (compressible), in 8 files.
FROM debian:bookworm-slim
RUN mkdir /data && for i in 1 2 3 4; do head -c 128M /dev/urandom > /data/random$i.bin; yes "jbuild benchmark line $i: the quick brown fox jumps over the lazy dog 0123456789" | head -c 128M > /data/text$i.log; done && echo "wrote $(du -sm /data | cut -f1) MiB"
COPY marker.txt /data/marker.txt
"""

PARALLEL_STAGES_DOCKERFILE = """\
# Issue 8's overlap check: two independent 2-second stages; a parallel builder needs ~2 s, not 4.
FROM debian:bookworm-slim AS left
RUN sleep 2 && echo left > /left.txt
FROM debian:bookworm-slim AS right
RUN sleep 2 && echo right > /right.txt
FROM debian:bookworm-slim
COPY --from=left /left.txt /
COPY --from=right /right.txt /
"""

LARGE_ROOTFS_BASE_DOCKERFILE = """\
# The base of large-rootfs: Debian plus 100,000 small files under /data.
FROM debian:bookworm-slim
RUN mkdir /data && cd /data && for d in $(seq 1 100); do mkdir d$d; for f in $(seq 1 1000); do echo "$d/$f" > d$d/f$f; done; done && echo "$(find /data -type f | wc -l) files"
"""

LARGE_ROOTFS_DOCKERFILE = """\
# A one-file change on top of a 100,000-file root file system: the cost is the snapshot.
FROM {base}
COPY marker.txt /marker.txt
RUN touch /data/d50/f500 && cat /marker.txt
"""


def write(path, text):
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, "w", encoding="utf-8") as out:
    out.write(text)


def service(directory):
  write(os.path.join(directory, "Dockerfile"), SERVICE_DOCKERFILE)
  write(os.path.join(directory, "deps.txt"), "".join(f"pkg{p}==1.{p}\n" for p in range(1, 201)))
  # 3,000 files, 30 MB in all (10,000 bytes each), in 30 modules: source-like text with some noise.
  generator = random.Random(7)
  words = ["public", "final", "class", "return", "import", "static", "void", "String", "int", "new",
           "if", "else", "for", "while", "private", "List", "Map", "value", "result", "builder"]
  for module in range(30):
    for index in range(100):
      number = module * 100 + index
      lines = [f"// module{module:02d}/File{number:04d}.java\n", f"package bench.module{module:02d};\n"]
      size = sum(len(line) for line in lines)
      while size < 10_000:
        line = " ".join(generator.choice(words) for _ in range(8)) + f" {generator.getrandbits(32):08x};\n"
        lines.append(line)
        size += len(line)
      text = "".join(lines)[:9_999] + "\n"
      write(os.path.join(directory, "src", f"module{module:02d}", f"File{number:04d}.java"), text)


def many_steps(directory):
  lines = ["# 50 small steps on busybox: per-step overhead.", "FROM busybox", "RUN mkdir -p /steps"]
  steps = 1
  number = 2
  while steps < 50:
    kind = number % 3
    if kind == 0:
      lines.append(f"ENV STEP_{number}=value{number}")
    elif kind == 1:
      lines.append(f"RUN echo step {number} > /steps/run{number}.txt")
    else:
      lines.append(f"COPY files/step{number}.txt /steps/")
      write(os.path.join(directory, "files", f"step{number}.txt"), f"content of step {number}\n")
    steps += 1
    number += 1
  write(os.path.join(directory, "Dockerfile"), "\n".join(lines) + "\n")


def big_layer(directory):
  write(os.path.join(directory, "Dockerfile"), BIG_LAYER_DOCKERFILE)
  write(os.path.join(directory, "marker.txt"), "marker 0\n")


def large_rootfs(directory, base):
  write(os.path.join(directory, "Dockerfile"), LARGE_ROOTFS_DOCKERFILE.format(base=base))
  write(os.path.join(directory, "marker.txt"), "marker 0\n")


def generate(name, directory, base):
  if os.path.exists(directory):
    shutil.rmtree(directory)
  os.makedirs(directory)
  if name == "service":
    service(directory)
  elif name == "many-steps":
    many_steps(directory)
  elif name == "big-layer":
    big_layer(directory)
  elif name == "parallel-stages":
    write(os.path.join(directory, "Dockerfile"), PARALLEL_STAGES_DOCKERFILE)
  elif name == "large-rootfs":
    if not base:
      sys.exit("large-rootfs needs the reference of its base image")
    large_rootfs(directory, base)
  else:
    sys.exit(f"unknown workload {name}; known: {', '.join(NAMES)}")


def change(name, directory, token):
  if CHANGED_FILE.get(name) is None:
    sys.exit(f"workload {name} has no one-file change")
  path = os.path.join(directory, CHANGED_FILE[name])
  with open(path, "a", encoding="utf-8") as out:
    out.write(f"// changed {token}\n" if path.endswith(".java") else f"changed {token}\n")


def main(arguments):
  if len(arguments) >= 3 and arguments[0] == "generate":
    generate(arguments[1], arguments[2], arguments[3] if len(arguments) > 3 else None)
  elif len(arguments) == 4 and arguments[0] == "change":
    change(arguments[1], arguments[2], arguments[3])
  elif len(arguments) == 2 and arguments[0] == "base":
    os.makedirs(arguments[1], exist_ok=True)
    write(os.path.join(arguments[1], "Dockerfile"), LARGE_ROOTFS_BASE_DOCKERFILE)
  else:
    sys.exit(__doc__)


if __name__ == "__main__":
  main(sys.argv[1:])
