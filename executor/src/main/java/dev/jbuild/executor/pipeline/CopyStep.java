package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.semantics.CopyEffect;
import dev.jbuild.core.tar.Archives;
import dev.jbuild.executor.context.BuildContext;
import dev.jbuild.executor.context.DockerIgnore;
import dev.jbuild.executor.context.StageSources;
import dev.jbuild.executor.copy.ChownResolver;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.copy.Ownership;
import dev.jbuild.executor.layers.LayerStack;
import dev.jbuild.executor.layers.LayerUnpackException;
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
 * COPY and ADD: writes the sources straight into a fresh layer directory, without mounting
 * anything, shaped by the stage's existing files as read from its layers (destination symlinks
 * followed inside the stage, parents keeping their owners and modes, --chown names from its
 * /etc/passwd), then snapshots it.
 */
final class CopyStep {
  private CopyStep() {}

  /** Where sources come from: another stage's result or an image; null means the build context. */
  record Origin(StageResult stage, String description) {}

  /**
   * One thing to copy. Either a host file or directory ({@code host}: from the context, a
   * heredoc or a download) or an entry of another stage's layers ({@code stageEntry}); the name
   * it gets in a directory destination; whether it is an archive to extract (local ADD); and the
   * directories above it that {@code --parents} recreates.
   */
  private record Source(Path host, LayerStack.Entry stageEntry, String name, boolean archive, String parents) {
    boolean isDirectory() {
      return stageEntry != null ? stageEntry.isDirectory() : Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
    }
  }

  static Optional<Layer> execute(BuildServices services, StageResult stage, CopyEffect effect, Origin origin)
      throws IOException {
    CacheDirectory cache = services.cache();
    Path work = cache.newTemporaryDirectory(effect.add() ? "add" : "copy");
    try {
      Path layerRoot = Files.createDirectory(work.resolve("layer"));
      LayerStack sourceStack = origin == null ? null : new LayerStack(origin.stage().lowerDirectories());
      List<Source> sources = new ArrayList<>(origin == null
          ? contextSources(services.context(), effect, work)
          : stageSources(sourceStack, effect));
      int index = 0;
      for (Heredoc heredoc : effect.heredocs()) {
        Path file = work.resolve("heredoc-" + index++);
        Files.writeString(file, heredoc.content(), StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", 0644);
        sources.add(new Source(file, null, heredoc.name(), false, ""));
      }
      // With --link the layer is made independently of the stage's files, as BuildKit's linked
      // copies: parents are created afresh and nothing below is consulted.
      LayerStack target = new LayerStack(effect.link() ? List.of() : stage.lowerDirectories());
      write(services, effect, sources, sourceStack, target, layerRoot, work, origin == null);
      return Snapshots.commit(cache, services.snapshotter(), layerRoot, services.layerOptions());
    } finally {
      CacheDirectory.deleteRecursively(work);
    }
  }

  private static List<Source> contextSources(BuildContext context, CopyEffect effect, Path work) throws IOException {
    List<Source> sources = new ArrayList<>();
    DockerIgnore excludes = DockerIgnore.parse(effect.excludes());
    int downloads = 0;
    for (String source : effect.sources()) {
      if (effect.add() && isUrl(source)) {
        sources.add(download(source, effect.checksum(), work.resolve("download-" + downloads++)));
        continue;
      }
      for (BuildContext.ContextEntry entry : context.resolve(source)) {
        if (excludes.isIgnored(entry.relativePath())) {
          continue;
        }
        boolean archive = effect.add() && Files.isRegularFile(entry.path()) && Archives.isArchive(entry.path());
        sources.add(new Source(entry.path(), null, fileName(entry.relativePath(), entry.path()), archive,
            effect.parents() ? parents(source, entry.relativePath(), Files.isDirectory(entry.path())) : ""));
      }
    }
    return sources;
  }

  private static List<Source> stageSources(LayerStack stack, CopyEffect effect) throws IOException {
    List<Source> sources = new ArrayList<>();
    DockerIgnore excludes = DockerIgnore.parse(effect.excludes());
    for (String source : effect.sources()) {
      for (StageSources.StageEntry entry : StageSources.resolve(stack, source)) {
        if (excludes.isIgnored(entry.relativePath())) {
          continue;
        }
        String name = fileName(entry.relativePath(), entry.entry().hostPath());
        sources.add(new Source(null, entry.entry(), name, false,
            effect.parents() ? parents(source, entry.relativePath(), entry.entry().isDirectory()) : ""));
      }
    }
    return sources;
  }

  private static void write(BuildServices services, CopyEffect effect, List<Source> sources, LayerStack sourceStack,
      LayerStack target, Path layerRoot, Path work, boolean fromContext) throws IOException {
    Ownership chown = effect.chown() == null ? null : ChownResolver.resolve(effect.chown(), target);
    Integer permissions = effect.chmod() == null ? null : Integer.parseInt(effect.chmod(), 8);
    LayerTree tree = new LayerTree(layerRoot, MkdirStep.shapes(target));
    DockerIgnore excludes = DockerIgnore.parse(effect.excludes());

    String baseDestination = target.resolvePath(effect.destination(), true);
    Optional<LayerStack.Entry> existing = target.lookup(baseDestination, false);
    boolean directoryDestination = effect.destinationIsDirectory() || effect.parents()
        || (existing.isPresent() && existing.get().isDirectory());

    for (Source source : sources) {
      // Context files belong to root unless --chown says otherwise; files from another stage
      // keep their owners, as in BuildKit.
      Ownership owner = chown != null ? chown : (source.stageEntry() == null ? Ownership.ROOT : null);
      Ownership directoryOwner = owner == null ? Ownership.ROOT : owner;
      String destination = source.parents().isEmpty() ? baseDestination : baseDestination + "/" + source.parents();
      if (source.stageEntry() != null) {
        LayerTree.CopyOptions options = LayerTree.CopyOptions.of(owner, permissions).linkingLayerFiles();
        Predicate<String> skip = excludes.isEmpty() ? path -> false : excludes::isIgnored;
        if (source.isDirectory()) {
          tree.copyMergedChildren(sourceStack, source.stageEntry(), tree.directory(destination, directoryOwner), options, skip);
        } else if (directoryDestination) {
          tree.copyMerged(sourceStack, source.stageEntry(),
              tree.directory(destination, directoryOwner).resolve(source.name()), options, skip);
        } else {
          tree.copyMerged(sourceStack, source.stageEntry(), fileTarget(tree, destination), options, skip);
        }
        continue;
      }
      Predicate<Path> skip = fromContext ? contextFilter(services.context()) : path -> false;
      skip = skip.or(excluded(excludes, source.host()));
      LayerTree.CopyOptions options = new LayerTree.CopyOptions(owner, permissions, skip);
      if (source.archive()) {
        Path directory = tree.directory(destination, directoryOwner);
        Path extracted = work.resolve("extracted-" + Integer.toHexString(source.host().hashCode()));
        try {
          services.unpacker().unpack(source.host(), extracted, source.name());
        } catch (LayerUnpackException e) {
          throw new IOException("cannot extract " + source.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted extracting " + source.name());
        }
        tree.copyChildren(extracted, directory, new LayerTree.CopyOptions(chown, permissions, path -> false));
        CacheDirectory.deleteRecursively(extracted);
      } else if (source.isDirectory()) {
        tree.copyChildren(source.host(), tree.directory(destination, directoryOwner), options);
      } else if (directoryDestination) {
        tree.copy(source.host(), tree.directory(destination, directoryOwner).resolve(source.name()), options);
      } else {
        tree.copy(source.host(), fileTarget(tree, destination), options);
      }
    }
  }

  /** A file destination: its parents made, the file itself left to the copy. */
  private static Path fileTarget(LayerTree tree, String destination) throws IOException {
    return tree.directory(parentOf(destination), Ownership.ROOT).resolve(fileName(destination, null));
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

  static Predicate<Path> contextFilter(BuildContext context) {
    return path -> context.isIgnored(context.root().relativize(path).toString());
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
    return new Source(file, null, name, false, "");
  }
}
