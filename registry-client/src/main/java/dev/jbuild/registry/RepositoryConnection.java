package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;

/**
 * One repository of one registry, for pulling or for pushing: a jib {@link RegistryClient} that
 * keeps the authorization, plus what jib lacks (the manifest GET that keeps the bytes, bounded
 * retries, a checked manifest digest on push). Authentication is lazy, as docker does it: a
 * request goes out anonymously, and a 401 makes jib answer the {@code WWW-Authenticate}
 * challenge (bearer token or basic) with the registry's credential, once. Methods throw what jib
 * and the network throw; callers translate with {@link RegistryErrors}, knowing what was asked.
 * Thread-safe.
 */
final class RepositoryConnection {
  static final String USER_AGENT = "jbuild (jib-core)";
  /** As containerd: a manifest or index larger than this is refused rather than buffered. */
  private static final int MAXIMUM_MANIFEST_BYTES = 4 * 1024 * 1024;

  private static final List<String> MANIFEST_MEDIA_TYPES =
      List.of(
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST_LIST,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST);

  private final Endpoint endpoint;
  private final String repository;
  private final boolean forPush;
  private final Credential credential;
  private final FailoverHttpClient http;
  private final Retries retries;
  private final RegistryClient jib;
  /** A digest mismatch jib reported (as a warning) during this thread's manifest push. */
  private final ThreadLocal<String> manifestDigestWarning = new ThreadLocal<>();

  /**
   * @param mountSource for a push connection, the repository of the same registry blobs may be
   *     mounted from (a bearer token then also grants pull on it), or null
   * @param credential null for anonymous access
   */
  RepositoryConnection(
      Endpoint endpoint,
      String repository,
      boolean forPush,
      String mountSource,
      Credential credential,
      FailoverHttpClient http,
      Retries retries,
      Consumer<LogEvent> jibLog) {
    this.endpoint = endpoint;
    this.repository = repository;
    this.forPush = forPush;
    this.credential = credential;
    this.http = http;
    this.retries = retries;
    EventHandlers events =
        EventHandlers.builder()
            .add(LogEvent.class, event -> {
              if (event.getLevel() == LogEvent.Level.WARN
                  && event.getMessage().startsWith("Expected image digest")) {
                manifestDigestWarning.set(event.getMessage());
              }
              jibLog.accept(event);
            })
            .build();
    RegistryClient.Factory factory =
        mountSource == null
            ? RegistryClient.factory(events, endpoint.apiHost(), repository, http)
            : RegistryClient.factory(events, endpoint.apiHost(), repository, mountSource, http);
    this.jib = factory.setCredential(credential).setUserAgent(USER_AGENT).newRegistryClient();
  }

  Endpoint endpoint() {
    return endpoint;
  }

  String repository() {
    return repository;
  }

  /** GETs a manifest or index by tag or digest, keeping the bytes exactly as sent. */
  RawManifest pullManifest(String qualifier)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    URL url = endpoint.url(repository, "/manifests/" + qualifier);
    return authenticated(() -> retries.run("GET " + url, () -> getManifest(url)));
  }

  /** Streams a blob into {@code out}; jib checks its digest. Not retried: {@code out} has bytes. */
  void pullBlob(Digest digest, OutputStream out)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    DescriptorDigest jibDigest = jibDigest(digest);
    authenticated(() -> {
      try {
        jib.pullBlob(jibDigest, size -> {}, written -> {}).writeTo(out);
      } catch (IOException e) {
        // jib wraps the registry's answer in an IOException; unwrap it so a 401 is seen as one.
        if (e.getCause() instanceof com.google.cloud.tools.jib.api.RegistryException registry) {
          throw registry;
        }
        throw e;
      }
      return null;
    });
  }

  /** Whether the repository has the blob (HEAD). */
  boolean hasBlob(Digest digest)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    DescriptorDigest jibDigest = jibDigest(digest);
    Optional<BlobDescriptor> found =
        authenticated(() -> retries.run("HEAD blob " + digest, () -> jib.checkBlob(jibDigest)));
    return found.isPresent();
  }

  /**
   * Uploads {@code file} as blob {@code digest}, or asks the registry to mount it from {@code
   * mountFrom} (a repository of the same registry) first.
   *
   * @return true when the registry mounted it and nothing was uploaded
   */
  boolean pushBlob(Digest digest, Path file, String mountFrom, LongConsumer progress)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    DescriptorDigest jibDigest = jibDigest(digest);
    long size = Files.size(file);
    return authenticated(() -> retries.run("push blob " + digest, () -> {
      long[] sent = {0};
      return jib.pushBlob(jibDigest, new KnownFileBlob(file, size, jibDigest), mountFrom, written -> {
        sent[0] += written;
        progress.accept(sent[0]);
      });
    }));
  }

  /**
   * PUTs {@code template}'s bytes under {@code qualifier} (a tag or the digest) and checks the
   * digest the registry answered with.
   */
  Digest pushManifest(RawManifestTemplate template, String qualifier)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    DescriptorDigest pushed = authenticated(() -> retries.run(
        "push manifest " + endpoint.registry() + "/" + repository + ":" + qualifier, () -> {
          manifestDigestWarning.remove();
          try {
            DescriptorDigest answer = jib.pushManifest(template, qualifier);
            String mismatch = manifestDigestWarning.get();
            if (mismatch != null) {
              throw new ManifestDigestMismatchException(mismatch);
            }
            return answer;
          } finally {
            manifestDigestWarning.remove();
          }
        }));
    return Digest.parse(pushed.toString());
  }

  private RawManifest getManifest(URL url) throws IOException, RegistryUnauthorizedException,
      InsecureRegistryException {
    Request request =
        Request.builder()
            .setUserAgent(USER_AGENT)
            .setHttpTimeout(JibSystemProperties.getHttpTimeout())
            .setAccept(MANIFEST_MEDIA_TYPES)
            .setAuthorization(JibInternals.authorizationOf(jib))
            .build();
    try (Response response = http.get(url, request)) {
      byte[] bytes;
      try (InputStream body = response.getBody()) {
        bytes = body.readNBytes(MAXIMUM_MANIFEST_BYTES + 1);
      }
      if (bytes.length > MAXIMUM_MANIFEST_BYTES) {
        throw new IOException("manifest at " + url + " is larger than " + MAXIMUM_MANIFEST_BYTES + " bytes");
      }
      List<String> contentTypes = response.getHeader("Content-Type");
      String contentType = contentTypes.isEmpty() ? null : contentTypes.get(0).split(";")[0].strip();
      return new RawManifest(bytes, contentType);
    } catch (ResponseException e) {
      if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
        throw new RegistryUnauthorizedException(endpoint.apiHost(), repository, e);
      }
      throw e;
    } catch (SSLException e) {
      throw new InsecureRegistryException(url, e);
    }
  }

  /** Runs {@code call}; on a 401, authenticates as the challenge asks and runs it once more. */
  private <T> T authenticated(RegistryCall<T> call)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    try {
      return call.call();
    } catch (RegistryUnauthorizedException e) {
      if (e.getHttpResponseException().getStatusCode() != 401) {
        throw e;
      }
      authenticate(e, e.getHttpResponseException().getHeaders().getAuthenticate());
      return call.call();
    }
  }

  private synchronized void authenticate(RegistryUnauthorizedException denied, String challenge)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    boolean basicPossible = credential != null && !credential.isOAuth2RefreshToken();
    if (forPush) {
      // A push token must carry push scope, which only a fresh bearer handshake asks for.
      if (!jib.doPushBearerAuth()) {
        if (!basicPossible) {
          throw denied;
        }
        jib.configureBasicAuth();
      }
    } else if (challenge != null) {
      jib.authPullByWwwAuthenticate(challenge);
    } else if (basicPossible) {
      jib.configureBasicAuth();
    } else {
      throw denied;
    }
  }

  private static DescriptorDigest jibDigest(Digest digest) throws IOException {
    try {
      return DescriptorDigest.fromDigest(digest.toString());
    } catch (DigestException e) {
      throw new IOException("jib supports only sha256 digests, not " + digest, e);
    }
  }

  /** The registry stored our manifest under another digest than the sha256 of our bytes. */
  static final class ManifestDigestMismatchException
      extends com.google.cloud.tools.jib.api.RegistryException {
    ManifestDigestMismatchException(String jibWarning) {
      super("the registry changed the manifest: " + jibWarning);
    }
  }
}
