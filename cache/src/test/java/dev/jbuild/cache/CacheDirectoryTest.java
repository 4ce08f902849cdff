package dev.jbuild.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirectoryTest {
  @TempDir
  Path root;

  @Test
  void writeBlob_content_storedUnderItsDigestAndReadBack() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);

    Digest digest = cache.writeBlob(content);

    assertThat(digest).isEqualTo(Digest.sha256Of(content));
    assertThat(cache.blobPath(digest)).isEqualTo(root.resolve("blobs/sha256/" + digest.hex()));
    assertThat(cache.readBlob(digest)).contains(content);
    assertThat(Files.list(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void commitLayer_whenAnotherWriterFinishedFirst_keepsTheFirstAndDropsTheTemporary() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    Digest diffId = Digest.sha256Of(new byte[] {7});
    Path first = cache.newTemporaryDirectory("unpack");
    Files.writeString(first.resolve("file"), "first");
    Path second = cache.newTemporaryDirectory("unpack");
    Files.writeString(second.resolve("file"), "second");

    cache.commitLayer(first, diffId);
    Path committed = cache.commitLayer(second, diffId);

    assertThat(Files.readString(committed.resolve("file"))).isEqualTo("first");
    assertThat(second).doesNotExist();
    assertThat(cache.hasLayer(diffId)).isTrue();
  }

  @Test
  void writeRef_twice_lastValueWins() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);

    cache.writeRef("images/127.0.0.1:5000/app:1", "one");
    cache.writeRef("images/127.0.0.1:5000/app:1", "two");

    assertThat(cache.readRef("images/127.0.0.1:5000/app:1")).contains("two");
    assertThat(cache.readRef("images/other")).isEmpty();
  }
}
