package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build context and COPY/ADD, docker-exact, checked in the running image: what lands where,
 * with which owner and mode, and what .dockerignore hides.
 */
class CopyIT {
  private static final String BUSYBOX = TestBed.REGISTRY + "/library/busybox";

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static ProcessResult jbuild(Path directory, byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(Jbuild.command());
    command.add("build");
    command.addAll(List.of("--progress=plain", "--cache-dir", cache.toString()));
    command.addAll(List.of(args));
    return Processes.run(command, directory, Map.of(), stdin, Duration.ofMinutes(10));
  }

  private static String buildAndRun(Path context, String image, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(extraArgs));
    args.addAll(List.of("-t", image, "--push", context.toString()));
    ProcessResult result = jbuild(context, null, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    return Processes.check(docker, Duration.ofMinutes(3)).stdout();
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void copyAndAdd_sourcesDestinationsOwnersModesAndIgnores_landAsInDocker(@TempDir Path context) throws IOException {
    write(context.resolve("a.txt"), "A\n");
    write(context.resolve("b.txt"), "B\n");
    write(context.resolve("ignored.txt"), "secret\n");
    write(context.resolve("dir/x.txt"), "X\n");
    write(context.resolve("dir/sub/y.txt"), "Y\n");
    write(context.resolve("dir/notes.md"), "hidden by **/*.md\n");
    write(context.resolve("script.sh"), "#!/bin/sh\necho script\n");
    Files.setPosixFilePermissions(context.resolve("script.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(context.resolve("link"), Path.of("a.txt"));
    write(context.resolve("archive/t/one.txt"), "from the archive\n");
    Processes.check(List.of("tar", "-czf", context.resolve("archive.tar.gz").toString(), "-C",
        context.resolve("archive").toString(), "t"), Duration.ofSeconds(30));
    write(context.resolve(".dockerignore"), "ignored.txt\n**/*.md\narchive\n");
    write(context.resolve("Dockerfile"), """
        FROM %1$s
        RUN echo 'zgroup:x:777:' >> /etc/group
        FROM %1$s
        RUN echo 'app:x:1234:2345::/:/bin/sh' >> /etc/passwd && echo 'appgroup:x:3456:' >> /etc/group && mkdir /existingdir
        WORKDIR /work
        COPY a.txt b.txt multi/
        COPY *.txt /wild/
        COPY dir /dircontents
        COPY a.txt /renamed.txt
        COPY a.txt /existingdir
        COPY --chown=app:appgroup a.txt /owned/
        COPY --chown=app b.txt /owned-user/
        COPY --chown=42 b.txt /owned-number/
        COPY --chmod=640 script.sh /modes/chmodded.sh
        COPY script.sh /modes/kept.sh
        COPY link /followed.txt
        COPY --exclude=*.txt dir /excluded/
        COPY --parents dir/sub/y.txt /parents/
        ADD archive.tar.gz /unpacked/
        ADD a.txt /added.txt
        COPY --from=0 /etc/group /from-index/group
        CMD ["sh", "-c", "cd / && for f in work/multi/a.txt work/multi/b.txt renamed.txt existingdir/a.txt owned/a.txt owned-user/b.txt owned-number/b.txt modes/chmodded.sh modes/kept.sh dircontents/sub/y.txt parents/dir/sub/y.txt unpacked/t/one.txt; do stat -c '%%n %%u:%%g %%a' $f; done; echo wild: $(ls /wild); echo dircontents: $(ls /dircontents); echo excluded: $(find /excluded -type f | sort); echo followed: $(cat /followed.txt); echo unpacked: $(cat /unpacked/t/one.txt); echo added: $(cat /added.txt); grep -c zgroup /from-index/group"]
        """.formatted(BUSYBOX));

    String output = buildAndRun(context, TestBed.REGISTRY + "/copy-it/semantics:1");

    assertThat(output.lines().toList()).containsExactly(
        "work/multi/a.txt 0:0 644",
        "work/multi/b.txt 0:0 644",
        "renamed.txt 0:0 644",
        "existingdir/a.txt 0:0 644",
        "owned/a.txt 1234:3456 644",
        "owned-user/b.txt 1234:2345 644",
        "owned-number/b.txt 42:42 644",
        "modes/chmodded.sh 0:0 640",
        "modes/kept.sh 0:0 755",
        "dircontents/sub/y.txt 0:0 644",
        "parents/dir/sub/y.txt 0:0 644",
        "unpacked/t/one.txt 0:0 644",
        "wild: a.txt b.txt",
        "dircontents: sub x.txt",
        "excluded: /excluded/sub/y.txt",
        "followed: A",
        "unpacked: from the archive",
        "added: A",
        "1");
  }

  @Test
  void add_localArchivesInEveryCompression_extractedByContent(@TempDir Path context) throws IOException {
    write(context.resolve("tree/inside.txt"), "packed\n");
    List<String> formats = List.of("gzip", "bzip2", "xz", "zstd", "plain");
    StringBuilder dockerfile = new StringBuilder("FROM " + BUSYBOX + "\n");
    for (String format : formats) {
      // Names that hide the format: ADD recognises archives by content, as docker does.
      String archive = "archive-" + format + ".bin";
      String flag = switch (format) {
        case "gzip" -> "--gzip";
        case "bzip2" -> "--bzip2";
        case "xz" -> "--xz";
        case "zstd" -> "--zstd";
        default -> "--no-auto-compress";
      };
      Processes.check(List.of("tar", flag, "-cf", context.resolve(archive).toString(), "-C", context.resolve("tree").toString(),
          "inside.txt"), Duration.ofSeconds(30));
      dockerfile.append("ADD ").append(archive).append(" /x/").append(format).append("/\n");
    }
    write(context.resolve("notes.txt"), "not an archive\n");
    dockerfile.append("ADD notes.txt /x/notes.txt\n");
    dockerfile.append("CMD [\"sh\", \"-c\", \"cat /x/*/inside.txt /x/notes.txt\"]\n");
    write(context.resolve("Dockerfile"), dockerfile.toString());

    String output = buildAndRun(context, TestBed.REGISTRY + "/copy-it/archives:1");

    assertThat(output).isEqualTo("packed\n".repeat(formats.size()) + "not an archive\n");
  }

  @Test
  void addArchiveAndCopyFrom_keepHardLinks(@TempDir Path context) throws IOException {
    Path tree = Files.createDirectories(context.resolve("tree/bin"));
    Files.writeString(tree.resolve("tool"), "one program, many names\n");
    Files.createLink(tree.resolve("alias"), tree.resolve("tool"));
    Processes.check(List.of("tar", "-cf", context.resolve("linked.tar").toString(), "-C", context.resolve("tree").toString(), "bin"),
        Duration.ofSeconds(30));
    write(context.resolve("Dockerfile"), """
        FROM scratch AS files
        ADD linked.tar /
        FROM %s
        COPY --from=files /bin /copied/
        ADD linked.tar /added/
        CMD ["sh", "-c", "stat -c '%%n %%h' /copied/tool /added/bin/alias; [ $(stat -c %%i /copied/tool) = $(stat -c %%i /copied/alias) ] && echo same"]
        """.formatted(BUSYBOX));

    String output = buildAndRun(context, TestBed.REGISTRY + "/copy-it/hardlinks:1");

    assertThat(output.lines().toList()).containsExactly("/copied/tool 2", "/added/bin/alias 2", "same");
  }

  @Test
  void add_url_downloadedNotExtracted_andChecksumEnforced(@TempDir Path context) throws Exception {
    Path served = Files.createDirectories(context.resolve("served"));
    Processes.check(List.of("tar", "-czf", served.resolve("tool.tar.gz").toString(), "-C", served.toString(), "."),
        Duration.ofSeconds(30));
    byte[] archive = Files.readAllBytes(served.resolve("tool.tar.gz"));
    String sha256 = dev.jbuild.core.digest.Digest.sha256Of(archive).toString();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/tool.tar.gz", exchange -> {
      exchange.sendResponseHeaders(200, archive.length);
      exchange.getResponseBody().write(archive);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tool.tar.gz";
      write(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nADD --checksum=" + sha256 + " " + url
          + " /downloads/\nCMD [\"stat\", \"-c\", \"%n %s %a\", \"/downloads/tool.tar.gz\"]\n");

      String output = buildAndRun(context, TestBed.REGISTRY + "/copy-it/url:1");

      assertThat(output.strip()).isEqualTo("/downloads/tool.tar.gz " + archive.length + " 600");

      write(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nADD --checksum=sha256:" + "0".repeat(64) + " " + url + " /d/\n");
      ProcessResult mismatch = jbuild(context, null, context.toString());
      assertThat(mismatch.exitCode()).isEqualTo(1);
      assertThat(mismatch.stderr()).contains("error: Dockerfile:2: ADD failed: digest mismatch for " + url);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void copy_sourceOutsideTheContext_isRefused(@TempDir Path workspace) throws IOException {
    Path context = Files.createDirectories(workspace.resolve("context"));
    write(workspace.resolve("outside.txt"), "outside\n");
    Files.createSymbolicLink(context.resolve("escape"), workspace.resolve("outside.txt"));

    write(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nCOPY ../outside.txt /x\n");
    ProcessResult climbing = jbuild(context, null, context.toString());
    write(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nCOPY escape /x\n");
    ProcessResult linked = jbuild(context, null, context.toString());

    assertThat(climbing.exitCode()).isEqualTo(1);
    assertThat(climbing.stderr()).contains("error: Dockerfile:2: COPY failed: forbidden path outside the build context: ../outside.txt");
    assertThat(linked.exitCode()).isEqualTo(1);
    assertThat(linked.stderr()).contains("error: Dockerfile:2: COPY failed: forbidden path outside the build context: escape");
  }

  @Test
  void dockerfileOutsideTheContextWithItsOwnIgnoreFile_winsOverTheContexts(@TempDir Path workspace) throws IOException {
    Path context = Files.createDirectories(workspace.resolve("context"));
    Path build = Files.createDirectories(workspace.resolve("build"));
    write(context.resolve("kept.txt"), "kept\n");
    write(context.resolve("dropped.txt"), "dropped\n");
    write(context.resolve(".dockerignore"), "kept.txt\n");
    write(build.resolve("app.Dockerfile"), "FROM " + BUSYBOX + "\nCOPY . /ctx/\nCMD [\"ls\", \"/ctx\"]\n");
    write(build.resolve("app.Dockerfile.dockerignore"), "dropped.txt\n");

    String output = buildAndRun(context, TestBed.REGISTRY + "/copy-it/ignore-file:1", "-f", build.resolve("app.Dockerfile").toString());

    assertThat(output.lines().toList()).containsExactly("kept.txt");
  }

  @Test
  void dockerfileFromStandardInput_builds(@TempDir Path context) throws IOException {
    write(context.resolve("hello.txt"), "from stdin's Dockerfile\n");
    byte[] dockerfile = ("FROM " + BUSYBOX + "\nCOPY hello.txt /\nCMD [\"cat\", \"/hello.txt\"]\n").getBytes(StandardCharsets.UTF_8);
    String image = TestBed.REGISTRY + "/copy-it/stdin:1";

    ProcessResult result = jbuild(context, dockerfile, "-f", "-", "-t", image, "--push", context.toString());

    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    assertThat(Processes.check(docker, Duration.ofMinutes(3)).stdout()).isEqualTo("from stdin's Dockerfile\n");
  }
}
