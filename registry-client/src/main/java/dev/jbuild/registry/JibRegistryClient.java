package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.LogEvent;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The {@link RegistryClient} on jib-core: jib speaks the distribution protocol and does the
 * auth handshakes; this module decides the scheme per registry, retries, verifies digests and
 * keeps manifest bytes intact. Thread-safe; one instance per build.
 */
public final class JibRegistryClient implements RegistryClient {
  private static final int UPLOAD_THREADS = 4;
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

  private final RegistryHttpClient http;
  private final ExecutorService uploads;
  private final ImageResolver resolver;
  private final BlobFetcher fetcher;
  private final ImagePusher pusher;
  private final CatalogLister catalog;

  /**
   * @param debugLog receives one line per notable step (a blob skipped, mounted or uploaded, a
   *     mirror miss, a retry) and jib's own log; called from several threads; never receives
   *     credentials
   */
  public JibRegistryClient(RegistrySettings settings, Consumer<String> debugLog) {
    this(settings, debugLog, CatalogLister.PAGE_SIZE);
  }

  /** @param catalogPageSize how many names to ask for per page of a listing (tests page small) */
  JibRegistryClient(RegistrySettings settings, Consumer<String> debugLog, int catalogPageSize) {
    Consumer<LogEvent> jibLog = jibLog(debugLog);
    PlainHttpPolicy plainHttpPolicy = new PlainHttpPolicy(settings.insecureRegistries());
    Retries retries = Retries.standard(debugLog);
    this.http = new RegistryHttpClient(plainHttpPolicy, new RegistryTrust(settings), jibLog);
    DockerConfigCredentials credentials = new DockerConfigCredentials(
        settings.authFile(), settings.credentialHelperPath(), debugLog);
    Connections connections = new Connections(plainHttpPolicy, credentials, http, retries, jibLog);
    this.uploads = Executors.newFixedThreadPool(UPLOAD_THREADS, daemonThreads());
    this.resolver = new ImageResolver(settings, connections, retries, debugLog);
    this.fetcher = new BlobFetcher(connections, retries, debugLog);
    this.pusher = new ImagePusher(connections, uploads, debugLog);
    this.catalog = new CatalogLister(connections, http, retries, credentials, catalogPageSize);
  }

  /** jib's log events as lines of our debug log, colours removed. */
  static Consumer<LogEvent> jibLog(Consumer<String> debugLog) {
    return event -> debugLog.accept("jib " + event.getLevel().name().toLowerCase() + ": "
        + ANSI_ESCAPE.matcher(event.getMessage()).replaceAll(""));
  }

  /**
   * The repositories of {@code registry} ({@code /v2/_catalog}, all pages), in the registry's
   * order.
   */
  public List<String> listRepositories(String registry) throws RegistryException {
    return catalog.repositories(registry);
  }

  /** The tags of {@code registry/repository} ({@code /v2/<repository>/tags/list}, all pages). */
  public List<String> listTags(String registry, String repository) throws RegistryException {
    return catalog.tags(registry, repository);
  }

  @Override
  public ResolvedImage resolve(ImageReference reference, Platform platform) throws RegistryException {
    return resolver.resolve(reference, platform);
  }

  @Override
  public void fetchBlob(ResolvedImage image, Descriptor blob, Path destination, LongConsumer progress)
      throws RegistryException {
    fetcher.fetch(image, blob, destination, progress);
  }

  @Override
  public Digest push(List<ImageReference> targets, List<BlobUpload> blobs, byte[] manifestJson,
      String manifestMediaType, PushProgress progress) throws RegistryException {
    return pusher.push(targets, blobs, manifestJson, manifestMediaType, progress);
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    try {
      http.shutDown();
    } catch (IOException e) {
      // Closing pooled connections failed; the process is ending the build anyway.
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "jbuild-registry-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
