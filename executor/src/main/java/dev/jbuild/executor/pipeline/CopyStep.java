package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.semantics.CopyEffect;
import dev.jbuild.core.tar.Archives;
import dev.jbuild.executor.context.BuildContext;
import dev.jbuild.executor.context.DockerIgnore;
import dev.jbuild.executor.context.RootPaths;
import dev.jbuild.executor.copy.ChownResolver;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.copy.Ownership;
import dev.jbuild.executor.layers.LayerUnpackException;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.grammar.ast.Heredoc;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * COPY and ADD: writes the sources into a fresh layer directory shaped by the stage's existing
 * filesystem (destination symlinks followed inside the stage, parents keeping their owners and
 * modes), then snapshots it. Sources from another stage or image are first staged out of that
 * stage's merged view, since each merged view lives on its own thread.
 */
final class CopyStep {
  private CopyStep() {}

  /**
   * One thing to copy: a host path, the name it gets in a directory destination, how to read it,
   * and (for {@code --parents}) the directories above it to recreate under the destination.
   */
  private record Source(Path path, String name, boolean fromContext, boolean archive, String parents) {
    Source(Path path, String name, boolean fromContext, boolean archive) {
      this(path, name, fromContext, archive, "");
    }
  }

  /** Where sources come from: the build context, or another stage's (or image's) layers. */
  record Origin(StageResult stage, String description) {}

  static Optional<Layer> execute(BuildServices services, StageResult stage, CopyEffect effect, Origin origin)
      throws IOException, SandboxException, InterruptedException {
    CacheDirectory cache = services.cache();
    Path work = cache.newTemporaryDirectory(effect.add() ? "add" : "copy");
    try {
      Path layerRoot = Files.createDirectory(work.resolve("layer"));
      List<Source> sources = origin == null
          ? contextSources(services.context(), effect, work)
          : stagedSources(services, origin, effect, Files.createDirectory(work.resolve("staged")));
      sources = new ArrayList<>(sources);
      int index = 0;
      for (Heredoc heredoc : effect.heredocs()) {
        Path file = work.resolve("heredoc-" + index++);
        Files.writeString(file, heredoc.content(), StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", 0644);
        sources.add(new Source(file, heredoc.name(), true, false));
      }
      List<Source> finalSources = sources;
      // With --link the layer is made independently of the stage's files, as BuildKit's
      // linked copies: parents are created afresh and nothing below is consulted.
      List<Path> lowerDirectories = effect.link() ? List.of() : stage.lowerDirectories();
      services.views().withMergedRoot(lowerDirectories, root -> {
        write(services, effect, finalSources, root, layerRoot, work, origin == null);
        return null;
      });
      return Snapshots.commit(cache, services.snapshotter(), layerRoot, SnapshotOptions.defaults());
    } finally {
      CacheDirectory.deleteRecursively(work);
    }
  }

  private static List<Source> contextSources(BuildContext context, CopyEffect effect, Path work) throws IOException {
    List<Source> sources = new ArrayList<>();
    int downloads = 0;
    for (String source : effect.sources()) {
      if (effect.add() && isUrl(source)) {
        sources.add(download(source, effect.checksum(), work.resolve("download-" + downloads++)));
        continue;
      }
      DockerIgnore excludes = DockerIgnore.parse(effect.excludes());
      for (BuildContext.ContextEntry entry : context.resolve(source)) {
        if (excludes.isIgnored(entry.relativePath())) {
          continue;
        }
        boolean archive = effect.add() && Files.isRegularFile(entry.path()) && Archives.isArchive(entry.path());
        sources.add(new Source(entry.path(), fileName(entry.relativePath(), entry.path()), true, archive,
            effect.parents() ? parents(source, entry.relativePath(), Files.isDirectory(entry.path())) : ""));
      }
    }
    return sources;
  }

  /** Copies the selected sources out of the origin stage's merged view into {@code staging}. */
  private static List<Source> stagedSources(BuildServices services, Origin origin, CopyEffect effect, Path staging)
      throws IOException, SandboxException, InterruptedException {
    return services.views().withMergedRoot(origin.stage().lowerDirectories(), root -> {
      BuildContext view = BuildContext.ofImageRoot(root);
      LayerTree stagingTree = new LayerTree(staging, path -> Optional.empty());
      DockerIgnore excludes = DockerIgnore.parse(effect.excludes());
      List<Source> sources = new ArrayList<>();
      int index = 0;
      for (String source : effect.sources()) {
        for (BuildContext.ContextEntry entry : view.resolve(source)) {
          if (excludes.isIgnored(entry.relativePath())) {
            continue;
          }
          Path slot = Files.createDirectory(staging.resolve(Integer.toString(index++)));
          String name = fileName(entry.relativePath(), entry.path());
          Path copy = slot.resolve(name.isEmpty() ? "root" : name);
          Path top = entry.path();
          stagingTree.copy(top, copy, new LayerTree.CopyOptions(null, null, excluded(excludes, top)));
          sources.add(new Source(copy, name, false, false,
              effect.parents() ? parents(source, entry.relativePath(), Files.isDirectory(copy)) : ""));
        }
      }
      return sources;
    });
  }

  /** Runs on the stage view's thread: {@code root} is the stage's merged filesystem. */
  private static void write(BuildServices services, CopyEffect effect, List<Source> sources, Path root,
      Path layerRoot, Path work, boolean fromContext) throws IOException {
    Ownership chown = effect.chown() == null ? null : ChownResolver.resolve(effect.chown(), root);
    Integer permissions = effect.chmod() == null ? null : Integer.parseInt(effect.chmod(), 8);
    LayerTree tree = new LayerTree(layerRoot, path -> LayerTree.shapeOf(RootPaths.resolve(root, path, true)));

    String destination = effect.destination();
    boolean directoryDestination = effect.destinationIsDirectory() || effect.parents();
    DockerIgnore excludes = DockerIgnore.parse(effect.excludes());
    Path resolvedDestination = RootPaths.resolve(root, destination, true);
    if (Files.isDirectory(resolvedDestination)) {
      directoryDestination = true;
    }
    String baseDestination = RootPaths.imagePath(root, resolvedDestination);

    for (Source source : sources) {
      // Context files belong to root unless --chown says otherwise; files from another stage
      // keep their owners, as in BuildKit.
      Ownership owner = chown != null ? chown : (source.fromContext() ? Ownership.ROOT : null);
      Ownership directoryOwner = owner == null ? Ownership.ROOT : owner;
      Predicate<Path> skip = fromContext && source.fromContext() ? contextFilter(services.context()) : path -> false;
      skip = skip.or(excluded(excludes, source.path()));
      LayerTree.CopyOptions options = new LayerTree.CopyOptions(owner, permissions, skip);
      String destinationPath = source.parents().isEmpty() ? baseDestination : baseDestination + "/" + source.parents();
      if (source.archive()) {
        Path target = tree.directory(destinationPath, directoryOwner);
        Path extracted = work.resolve("extracted-" + Math.abs(source.path().hashCode()));
        try {
          services.unpacker().unpack(source.path(), extracted, source.name());
        } catch (LayerUnpackException e) {
          throw new IOException("cannot extract " + source.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted extracting " + source.name());
        }
        tree.copyChildren(extracted, target, new LayerTree.CopyOptions(chown, permissions, path -> false));
        CacheDirectory.deleteRecursively(extracted);
      } else if (Files.isDirectory(source.path(), LinkOption.NOFOLLOW_LINKS)) {
        Path target = tree.directory(destinationPath, directoryOwner);
        tree.copyChildren(source.path(), target, options);
      } else if (directoryDestination) {
        Path target = tree.directory(destinationPath, directoryOwner);
        tree.copy(source.path(), target.resolve(source.name()), options);
      } else {
        String parent = parentOf(destinationPath);
        Path target = tree.directory(parent, Ownership.ROOT).resolve(fileName(destinationPath, null));
        tree.copy(source.path(), target, options);
      }
    }
  }

  /** {@code --exclude} patterns, matched against paths relative to the copied source. */
  private static Predicate<Path> excluded(DockerIgnore excludes, Path sourceRoot) {
    if (excludes.isEmpty()) {
      return path -> false;
    }
    return path -> excludes.isIgnored(sourceRoot.relativize(path).toString());
  }

  /**
   * The directories {@code --parents} keeps above a source: its path in the context (or below a
   * {@code /./} pivot in the pattern), without its own name unless it is a directory.
   */
  static String parents(String pattern, String relativePath, boolean directory) {
    String kept = relativePath;
    int pivot = ("/" + pattern).indexOf("/./");
    if (pivot >= 0) {
      String prefix = dev.jbuild.core.semantics.Paths.clean("/" + pattern.substring(0, Math.max(0, pivot - 1))).substring(1);
      if (!prefix.isEmpty() && kept.startsWith(prefix + "/")) {
        kept = kept.substring(prefix.length() + 1);
      }
    }
    if (directory) {
      return kept;
    }
    int slash = kept.lastIndexOf('/');
    return slash < 0 ? "" : kept.substring(0, slash);
  }

  private static Predicate<Path> contextFilter(BuildContext context) {
    return path -> {
      String relative = context.root().relativize(path).toString();
      return context.isIgnored(relative);
    };
  }

  private static String parentOf(String imagePath) {
    int slash = imagePath.lastIndexOf('/');
    return slash <= 0 ? "/" : imagePath.substring(0, slash);
  }

  private static String fileName(String relativePath, Path fallback) {
    String trimmed = relativePath.endsWith("/") ? relativePath.substring(0, relativePath.length() - 1) : relativePath;
    int slash = trimmed.lastIndexOf('/');
    String name = slash < 0 ? trimmed : trimmed.substring(slash + 1);
    if (name.isEmpty() && fallback != null && fallback.getFileName() != null) {
      return fallback.getFileName().toString();
    }
    return name;
  }

  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /**
   * ADD of a URL: downloaded as a file (never extracted), mode 0600, mtime from Last-Modified,
   * and checked against {@code --checksum} when given.
   */
  private static Source download(String url, String checksum, Path file) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setInstanceFollowRedirects(true);
    connection.setConnectTimeout(30_000);
    connection.setReadTimeout(60_000);
    int status = connection.getResponseCode();
    if (status / 100 != 2) {
      throw new IOException("failed to download " + url + ": HTTP " + status);
    }
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    if (checksum != null) {
      Digest actual = Digests.ofFile(file);
      if (!actual.toString().equals(checksum)) {
        throw new IOException("digest mismatch for " + url + ": expected " + checksum + ", got " + actual);
      }
    }
    Files.setAttribute(file, "unix:mode", 0600);
    long modified = connection.getLastModified();
    Files.setLastModifiedTime(file, FileTime.from(modified > 0 ? Instant.ofEpochMilli(modified) : Instant.EPOCH));
    String path = URI.create(url).getPath();
    String name = path == null || path.isEmpty() || path.endsWith("/") ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
    return new Source(file, name, true, false);
  }
}
