#!/usr/bin/env python3
"""Summarises a JDK Flight Recording of a jbuild build: where the Java threads spent their samples.

Samples are not CPU time: a thread inside a slow system call (an open() on a busy disk) is
sampled as running native code. Read the shares as "time threads spent there".

    jfrsummary.py RECORDING.jfr

Reads jdk.ExecutionSample (threads running Java code) and jdk.NativeMethodSample (threads inside
a native method: zlib's deflate, file system calls, but also blocking waits) with the JDK's `jfr`
tool, and prints Markdown: samples by pipeline part (the outermost jbuild frame that says what the
build was doing) and by operation (the innermost frame that says what the CPU was doing), then the
hottest methods. Native samples whose innermost frame is a wait (epoll, process wait, socket read,
park) are counted apart as "waiting", since they cost no CPU.
"""
import collections
import json
import os
import shutil
import subprocess
import sys

# The first rule any frame matches wins: what part of the build a sample belongs to.
PARTS = (
    ("dev.jbuild.core.tar.ParallelGzipOutputStream", "gzip worker threads (layer compression)"),
    ("dev.jbuild.executor.pipeline.RunStep", "RUN step (sandbox, snapshot)"),
    ("dev.jbuild.executor.pipeline.CopyStep", "COPY step"),
    ("dev.jbuild.executor.pipeline.MkdirStep", "WORKDIR step"),
    ("dev.jbuild.executor.pipeline.BaseImages", "base images"),
    ("dev.jbuild.executor.pipeline.ImageExport.push", "push"),
    ("dev.jbuild.registry", "registry client"),
    ("dev.jbuild.executor.pipeline.ImageExport", "export"),
    ("dev.jbuild.grammar", "parse"),
    ("dev.jbuild.core.plan", "plan"),
    ("dev.jbuild.executor.context", "build context"),
    ("dev.jbuild.executor.sandbox", "sandbox threads (RUN)"),
    ("dev.jbuild.executor.layers", "snapshots and unpacking"),
    ("dev.jbuild.cli", "CLI"),
    ("picocli", "CLI"),
)

# Innermost match wins: what kind of work the CPU was doing.
OPERATIONS = (
    ("dev.jbuild.executor.linux.LibC$jnr$ffi$0.syncfs", "syncfs"),
    ("java.util.zip.Deflater", "gzip compression"),
    ("java.util.zip.Inflater", "gzip decompression"),
    ("java.util.zip.CRC32", "gzip CRC32"),
    ("sun.security.provider.SHA", "sha256"),
    ("sun.security.provider.DigestBase", "sha256"),
    ("java.security.MessageDigest", "sha256"),
    ("org.apache.commons.compress", "tar encoding (commons-compress)"),
    ("jnr.", "native calls through jnr-ffi"),
    ("com.kenai.jffi", "native calls through jnr-ffi"),
    ("sun.nio.fs", "file system calls (NIO)"),
    ("sun.nio.ch.FileChannelImpl", "file reads and writes"),
    ("sun.nio.ch.FileDispatcherImpl", "file reads and writes"),
    ("java.io.FileInputStream", "file reads and writes"),
    ("java.io.FileOutputStream", "file reads and writes"),
    ("java.io.RandomAccessFile", "file reads and writes"),
    ("java.nio.file", "file system calls (NIO)"),
    ("java.io.UnixFileSystem", "file system calls (java.io)"),
    ("com.fasterxml.jackson", "JSON"),
    ("org.antlr", "ANTLR parsing"),
    ("com.google.cloud.tools.jib", "jib registry client"),
    ("org.apache.http", "HTTP"),
    ("sun.nio.ch", "sockets"),
    ("java.net", "sockets"),
    ("java.lang.ClassLoader", "class loading"),
    ("jdk.internal.loader", "class loading"),
    ("java.lang.invoke", "lambdas and method handles"),
    ("java.lang.String", "strings"),
    ("java.util.regex", "regular expressions"),
)

# A native sample with one of these in its innermost frames waits (for a RUN process, its output,
# the network) rather than computes.
WAITS = ("EPoll.wait", ".waitpid", ".waitid", ".poll", "Object.wait", "Unsafe.park", "SocketDispatcher.read",
         "NioSocketImpl", "Thread.sleep", "waitForProcessExit", "accept")


def frame_name(frame):
  method = frame.get("method", {})
  type_name = method.get("type", {}).get("name", "?").replace("/", ".")
  return f"{type_name}.{method.get('name', '?')}"


def part_of(names):
  for prefix, label in PARTS:
    if any(name.startswith(prefix) for name in names):
      return label
  return "other"


def operation_of(names):
  for name in names:
    for prefix, label in OPERATIONS:
      if name.startswith(prefix):
        return label
  return "other"


def load(recording, event):
  jfr = shutil.which("jfr") or os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "jfr")
  output = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", event, recording],
                          check=True, capture_output=True).stdout
  return json.loads(output)["recording"]["events"]


def main(arguments):
  if len(arguments) != 1:
    sys.exit(__doc__)
  recording = arguments[0]
  parts = collections.Counter()
  operations = collections.Counter()
  matrix = collections.Counter()
  leaves = collections.Counter()
  jbuild_frames = collections.Counter()
  waiting = collections.Counter()
  total = 0
  for event in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
    for sample in load(recording, event):
      frames = sample["values"].get("stackTrace", {}) or {}
      names = [frame_name(frame) for frame in frames.get("frames", [])]
      if not names:
        continue
      if event == "jdk.NativeMethodSample" and any(wait in name for name in names[:6] for wait in WAITS):
        waiting[next(name for name in names[:6] if any(wait in name for wait in WAITS))] += 1
        continue
      total += 1
      part = part_of(names)
      operation = operation_of(names)
      parts[part] += 1
      operations[operation] += 1
      matrix[(part, operation)] += 1
      leaves[names[0]] += 1
      for name in names:
        if name.startswith("dev.jbuild."):
          jbuild_frames[name] += 1
          break
  if total == 0:
    print("No CPU samples in the recording.")
    return
  waits = ", ".join(f"`{name}` {count}" for name, count in waiting.most_common(3))
  print(f"{total} samples of threads running Java or native code; {sum(waiting.values())} more samples of "
        f"threads waiting in native code, not counted ({waits}).")
  print()
  print("| build part (outermost jbuild frame) | samples | share | top operations |")
  print("|---|---:|---:|---|")
  for part, count in parts.most_common():
    tops = [(operation, matrix[(part, operation)]) for operation in operations]
    tops = sorted((t for t in tops if t[1] > 0), key=lambda t: -t[1])[:3]
    described = ", ".join(f"{operation} {100 * n / count:.0f}%" for operation, n in tops)
    print(f"| {part} | {count} | {100 * count / total:.0f}% | {described} |")
  print()
  print("| operation (innermost frame) | samples | share |")
  print("|---|---:|---:|")
  for operation, count in operations.most_common():
    print(f"| {operation} | {count} | {100 * count / total:.0f}% |")
  print()
  print("Hottest innermost methods:")
  print()
  print("| method | samples | share |")
  print("|---|---:|---:|")
  for name, count in leaves.most_common(12):
    print(f"| `{name}` | {count} | {100 * count / total:.0f}% |")
  print()
  print("Innermost jbuild frames (the jbuild code each sample was in or below):")
  print()
  print("| method | samples | share |")
  print("|---|---:|---:|")
  for name, count in jbuild_frames.most_common(12):
    print(f"| `{name}` | {count} | {100 * count / total:.0f}% |")


if __name__ == "__main__":
  main(sys.argv[1:])
