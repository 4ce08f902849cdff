package dev.jbuild.core.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {
  @TempDir Path temp;

  /** Compressible text with random stretches, crossing several blocks. */
  private static byte[] sample(int length) {
    Random random = new Random(3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < length) {
      if (random.nextInt(20) == 0) {
        byte[] noise = new byte[random.nextInt(4096)];
        random.nextBytes(noise);
        out.writeBytes(noise);
      } else {
        out.writeBytes(("line " + random.nextInt(1000) + " of some log output\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    byte[] bytes = out.toByteArray();
    return java.util.Arrays.copyOf(bytes, length);
  }

  private static byte[] compress(byte[] data, int threads, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, level, threads);
    // uneven writes, as tar records arrive
    for (int offset = 0; offset < data.length; ) {
      int length = Math.min(data.length - offset, 1 + (int) ((offset * 7919L) % 70_000));
      gzip.write(data, offset, length);
      offset += length;
    }
    gzip.finish();
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] compressed) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, ParallelGzipOutputStream.BLOCK_SIZE - 1, ParallelGzipOutputStream.BLOCK_SIZE, ParallelGzipOutputStream.BLOCK_SIZE + 1, 5_500_000})
  void finish_anyLength_gunzipsToTheInput(int length) throws IOException {
    byte[] data = sample(length);

    assertThat(gunzip(compress(data, 2, 6))).isEqualTo(data);
  }

  @Test
  void finish_differentThreadCounts_identicalBytes() throws IOException {
    byte[] data = sample(6_000_000);

    byte[] one = compress(data, 1, 6);

    assertThat(compress(data, 2, 6)).isEqualTo(one);
    assertThat(compress(data, 8, 6)).isEqualTo(one);
  }

  @Test
  void finish_largeStream_systemGzipAcceptsIt() throws Exception {
    byte[] data = sample(3_000_000);
    Path file = Files.write(temp.resolve("data.gz"), compress(data, 4, 1));

    Process gzip = new ProcessBuilder("gzip", "-t", "-v", file.toString()).redirectErrorStream(true).start();
    String output = new String(gzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gzip.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(gzip.exitValue()).as(output).isZero();
    assertThat(output).contains("OK");
  }

  @Test
  void finish_afterLargeStream_noCompressionThreadLeft() throws Exception {
    compress(sample(4_000_000), 4, 1);

    Thread.sleep(100);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("jbuild-gzip") && thread.isAlive());
  }

  @Test
  void incompressibleBlocks_areStoredNotDeflated_andTheRestStillCompresses() throws IOException {
    byte[] random = new byte[3 * ParallelGzipOutputStream.BLOCK_SIZE];
    new Random(11).nextBytes(random);
    byte[] text = "GET /api/v1/items 200 12ms\n".repeat(3 * ParallelGzipOutputStream.BLOCK_SIZE / 27)
        .getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream mixed = new ByteArrayOutputStream();
    mixed.writeBytes(random);
    mixed.writeBytes(text);
    byte[] data = mixed.toByteArray();

    byte[] compressed = compress(data, 2, 6);

    assertThat(gunzip(compressed)).isEqualTo(data);
    // Stored blocks add 5 bytes per 64 KiB, not the few per cent deflate adds to random bytes...
    assertThat(compressed.length).isLessThan(random.length + random.length / 1000 + text.length / 20);
    // ...and the decision is per block: the text after them is still deflated.
    assertThat(ParallelGzipOutputStream.incompressible(random, ParallelGzipOutputStream.BLOCK_SIZE)).isTrue();
    assertThat(ParallelGzipOutputStream.incompressible(text, ParallelGzipOutputStream.BLOCK_SIZE)).isFalse();
    assertThat(ParallelGzipOutputStream.incompressible(sample(ParallelGzipOutputStream.BLOCK_SIZE),
        ParallelGzipOutputStream.BLOCK_SIZE)).isFalse();
  }
}
