package dev.jbuild.core.tar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream compressed in fixed-size blocks, pigz-style: each block is deflated on its own,
 * primed with the previous block's last 32 KiB as dictionary and ended with a sync flush, so the
 * concatenation is one ordinary deflate stream any gunzip reads. Blocks are compressed on up to
 * {@code threads} worker threads while the writing thread keeps reading and checksumming.
 *
 * <p>A block that deflate cannot shrink (random bytes, and what is compressed already: jars, zips,
 * images, compressed archives, a large part of a Java application image) is stored instead of
 * deflated: deflating it costs as much CPU as deflating text and saves nothing. Samples of each
 * block decide, at the fastest level; a stored block is still ordinary deflate data.
 *
 * <p>The output depends only on the bytes and the level, never on the number of threads or their
 * timing: block boundaries are fixed, and so is each block's choice. The header carries mtime 0 and OS 255 (unknown), no name.
 * Small streams (one block) are compressed on the calling thread and start no thread; worker threads
 * are started on demand and stopped by {@link #finish()} or {@link #close()}, so none outlives the
 * stream. Memory stays bounded: at most two blocks per worker are in flight.
 *
 * <p>Not thread-safe. Closing finishes the stream and closes the target.
 */
final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK_SIZE = 1 << 20;
  private static final int DICTIONARY_SIZE = 32 * 1024;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
  /** Three samples of this size (start, middle, end of a block) decide whether it is stored. */
  private static final int SAMPLE_SIZE = 16 * 1024;
  /** A sample that the fastest level shrinks by less than this (3%) counts as incompressible. */
  private static final double INCOMPRESSIBLE_RATIO = 0.97;

  private final OutputStream target;
  private final int level;
  private final int threads;
  private final CRC32 crc = new CRC32();
  private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
  private ExecutorService workers;
  private byte[] block = new byte[BLOCK_SIZE];
  private int blockLength;
  private byte[] dictionary;
  private long totalLength;
  private boolean finished;

  ParallelGzipOutputStream(OutputStream target, int level, int threads) throws IOException {
    this.target = target;
    this.level = level;
    this.threads = Math.max(1, threads);
    target.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (finished) {
      throw new IOException("gzip stream already finished");
    }
    crc.update(bytes, offset, length);
    totalLength += length;
    while (length > 0) {
      if (blockLength == BLOCK_SIZE) {
        submit(false);
      }
      int count = Math.min(length, BLOCK_SIZE - blockLength);
      System.arraycopy(bytes, offset, block, blockLength, count);
      blockLength += count;
      offset += count;
      length -= count;
    }
  }

  /** Compresses what is left, writes the trailer, stops the workers; the target stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    try {
      submit(true);
      while (!inFlight.isEmpty()) {
        writeOldest();
      }
      byte[] trailer = new byte[8];
      putInt(trailer, 0, (int) crc.getValue());
      putInt(trailer, 4, (int) totalLength);
      target.write(trailer);
      finished = true;
    } finally {
      stopWorkers();
    }
  }

  /** Stops the workers without completing the stream, which is then unusable. */
  void abandon() {
    finished = true;
    stopWorkers();
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      stopWorkers();
      target.close();
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] input = block;
    int length = blockLength;
    byte[] previous = dictionary;
    if (!last) {
      dictionary = Arrays.copyOfRange(input, length - DICTIONARY_SIZE, length);
      block = new byte[BLOCK_SIZE];
      blockLength = 0;
    }
    if (last && inFlight.isEmpty() && workers == null) {
      target.write(compress(input, length, previous, true, level)); // small stream: no thread
      return;
    }
    if (workers == null) {
      workers = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "jbuild-gzip");
        thread.setDaemon(true);
        return thread;
      });
    }
    while (inFlight.size() >= 2 * threads) {
      writeOldest();
    }
    inFlight.addLast(workers.submit(() -> compress(input, length, previous, last, level)));
  }

  private void writeOldest() throws IOException {
    try {
      target.write(inFlight.removeFirst().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing a layer");
    } catch (ExecutionException e) {
      throw new IOException("compressing a layer block failed", e.getCause());
    }
  }

  private void stopWorkers() {
    if (workers != null) {
      workers.shutdownNow();
      workers = null;
      inFlight.clear();
    }
  }

  /** Deflates one block as raw deflate data; only the last block ends the deflate stream. */
  private static byte[] compress(byte[] input, int length, byte[] dictionary, boolean last, int level) {
    Deflater deflater = new Deflater(incompressible(input, length) ? Deflater.NO_COMPRESSION : level, true);
    try {
      if (dictionary != null) {
        deflater.setDictionary(dictionary);
      }
      deflater.setInput(input, 0, length);
      if (last) {
        deflater.finish();
      }
      byte[] output = new byte[length / 2 + 1024];
      int size = 0;
      while (true) {
        if (size == output.length) {
          output = Arrays.copyOf(output, output.length * 2);
        }
        int available = output.length - size;
        int written = deflater.deflate(output, size, available, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        size += written;
        // A sync flush is complete once it leaves output space unused; the end once finished().
        if (last ? deflater.finished() : written < available && deflater.needsInput()) {
          break;
        }
      }
      return Arrays.copyOf(output, size);
    } finally {
      deflater.end();
    }
  }

  /**
   * Whether all three samples of the block (its start, middle and end) stay within 3% of their
   * size at the fastest level. Blocks too small to sample are always deflated.
   */
  static boolean incompressible(byte[] input, int length) {
    if (length < 4 * SAMPLE_SIZE) {
      return false;
    }
    Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
    byte[] output = new byte[SAMPLE_SIZE + 1024];
    try {
      for (int sample = 0; sample < 3; sample++) {
        int offset = (int) ((long) (length - SAMPLE_SIZE) * sample / 2);
        probe.reset();
        probe.setInput(input, offset, SAMPLE_SIZE);
        probe.finish();
        long size = 0;
        while (!probe.finished()) {
          size += probe.deflate(output);
        }
        if (size < SAMPLE_SIZE * INCOMPRESSIBLE_RATIO) {
          return false;
        }
      }
      return true;
    } finally {
      probe.end();
    }
  }

  private static void putInt(byte[] bytes, int offset, int value) {
    bytes[offset] = (byte) value;
    bytes[offset + 1] = (byte) (value >>> 8);
    bytes[offset + 2] = (byte) (value >>> 16);
    bytes[offset + 3] = (byte) (value >>> 24);
  }
}
