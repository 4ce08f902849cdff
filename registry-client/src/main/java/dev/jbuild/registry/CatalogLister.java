package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists what a registry holds: its repositories ({@code /v2/_catalog}) and a repository's tags
 * ({@code /v2/<repository>/tags/list}), following {@code Link: <...>; rel="next"} pages. Each
 * call is authenticated for its own scope ({@code registry:catalog:*}, {@code
 * repository:<name>:pull}). Thread-safe (each listing has its own {@link ApiRequests}).
 */
final class CatalogLister {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  static final int PAGE_SIZE = 100;

  private final Connections connections;
  private final RegistryHttpClient http;
  private final Retries retries;
  private final DockerConfigCredentials credentials;
  private final int pageSize;

  CatalogLister(Connections connections, RegistryHttpClient http, Retries retries,
      DockerConfigCredentials credentials, int pageSize) {
    this.pageSize = pageSize;
    this.connections = connections;
    this.http = http;
    this.retries = retries;
    this.credentials = credentials;
  }

  List<String> repositories(String registry) throws RegistryException {
    Endpoint endpoint = connections.endpoint(registry);
    String attempted = "list the repositories of " + registry;
    try {
      return pages(endpoint, endpoint.url("_catalog", "?n=" + pageSize), "registry:catalog:*",
          "repositories");
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, endpoint, attempted, cause -> new RegistryException(
          attempted + " failed: " + endpoint.address() + " does not offer a catalog (/v2/_catalog answered 404)",
          cause));
    }
  }

  List<String> tags(String registry, String repository) throws RegistryException {
    Endpoint endpoint = connections.endpoint(registry);
    String attempted = "list the tags of " + registry + "/" + repository;
    try {
      return pages(endpoint, endpoint.url(repository, "/tags/list?n=" + pageSize),
          "repository:" + repository + ":pull", "tags");
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, endpoint, attempted, cause -> new RegistryException(
          "repository unknown: " + registry + "/" + repository, cause));
    }
  }

  private List<String> pages(Endpoint endpoint, URL first, String scope, String field)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException, RegistryException {
    ApiRequests requests = new ApiRequests(
        http, retries, credentials.forRegistry(endpoint.registry()).orElse(null));
    List<String> names = new ArrayList<>();
    Set<String> seenPages = new HashSet<>();
    for (URL page = first; page != null; ) {
      if (!seenPages.add(page.toString())) {
        throw new IOException("the registry's pages loop back to " + page);
      }
      ApiRequests.Answer answer = requests.get(page, scope);
      JsonNode values = JSON.readTree(answer.body()).path(field);
      // A repository without tags answers "tags": null.
      values.forEach(value -> names.add(value.asText()));
      page = next(page, answer.link());
    }
    return names;
  }

  /** The URL of the next page from a {@code Link} header, relative to {@code current}. */
  static URL next(URL current, String link) throws IOException {
    if (link == null) {
      return null;
    }
    Matcher matcher = NEXT_LINK.matcher(link);
    return matcher.find() ? new URL(current, matcher.group(1)) : null;
  }
}
