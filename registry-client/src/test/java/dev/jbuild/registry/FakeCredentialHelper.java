package dev.jbuild.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A {@code docker-credential-test} shell script in a temporary directory, speaking the
 * credential helper protocol (get, store, erase) with one file per server in its own store
 * directory, and recording each call's verb, so that tests see what was asked of it.
 */
final class FakeCredentialHelper {
  private final Path binDirectory;
  private final Path storeDirectory;

  private FakeCredentialHelper(Path binDirectory, Path storeDirectory) {
    this.binDirectory = binDirectory;
    this.storeDirectory = storeDirectory;
  }

  static FakeCredentialHelper create(Path directory) throws IOException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path store = Files.createDirectories(directory.resolve("store"));
    String script = """
        #!/bin/sh
        # docker-credential-test: the credential helper protocol over one file per server.
        store='%s'
        echo "$1" >> "$store/calls"
        case "$1" in
          store)
            cat > "$store/pending"
            server=$(sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p' "$store/pending")
            mv "$store/pending" "$store/$(printf %%s "$server" | tr '/:' '__')" ;;
          get)
            server=$(cat)
            file="$store/$(printf %%s "$server" | tr '/:' '__')"
            if [ -f "$file" ]; then cat "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          erase)
            server=$(cat)
            file="$store/$(printf %%s "$server" | tr '/:' '__')"
            if [ -f "$file" ]; then rm "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          *) echo "unknown verb $1" >&2; exit 2 ;;
        esac
        """.formatted(store);
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    return new FakeCredentialHelper(bin, store);
  }

  /** The directory holding the helper, to search for helpers. */
  Path binDirectory() {
    return binDirectory;
  }

  /** The verbs it was called with, in order. */
  List<String> calls() throws IOException {
    Path calls = storeDirectory.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  /** What it stores for {@code server}, or null. */
  String stored(String server) throws IOException {
    Path file = storeDirectory.resolve(server.replace('/', '_').replace(':', '_'));
    return Files.exists(file) ? Files.readString(file) : null;
  }
}
