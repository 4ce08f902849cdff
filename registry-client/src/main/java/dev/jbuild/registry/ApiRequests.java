package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GETs of the registry endpoints jib has no call for ({@code /v2/}, {@code /v2/_catalog}, tag
 * lists), authenticated as docker does it: the request goes out anonymously; a 401 is answered
 * once, per its {@code WWW-Authenticate} challenge, with basic credentials or with a bearer token
 * fetched from the challenge's realm for the given scope (sending the credentials to the realm).
 * The authorization obtained is reused for later requests of the same scope (pages). Credentials
 * and tokens never appear in messages. Not thread-safe: one instance per command.
 */
final class ApiRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final int MAXIMUM_BODY_BYTES = 16 * 1024 * 1024;

  /** An answer: status, body and the {@code Link} header (pagination). */
  record Answer(int status, byte[] body, String link) {}

  private final FailoverHttpClient http;
  private final Retries retries;
  private final Credential credential;
  private final Map<String, Authorization> authorizationByScope = new LinkedHashMap<>();

  /** @param credential null for anonymous access */
  ApiRequests(FailoverHttpClient http, Retries retries, Credential credential) {
    this.http = http;
    this.retries = retries;
    this.credential = credential;
  }

  /**
   * GETs {@code url}; a 401 is answered as the challenge asks, for {@code scope} (e.g. {@code
   * registry:catalog:*}; empty for a login check).
   *
   * @throws ResponseException for any answer but 2xx, after authenticating once on a 401
   */
  Answer get(URL url, String scope)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    Authorization known = authorizationByScope.get(scope);
    try {
      return retries.run("GET " + url, () -> send(url, known, List.of("application/json")));
    } catch (ResponseException e) {
      if (e.getStatusCode() != 401 || known != null) {
        throw e;
      }
      Authorization authorization = authorize(e.getHeaders().getAuthenticate(), scope, e);
      authorizationByScope.put(scope, authorization);
      return retries.run("GET " + url, () -> send(url, authorization, List.of("application/json")));
    }
  }

  /** The authorization a {@code WWW-Authenticate} challenge asks for. */
  private Authorization authorize(String challenge, String scope, ResponseException denied)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    if (challenge == null || credential == null && !challenge.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      throw denied;
    }
    String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("basic")) {
      return Authorization.fromBasicCredentials(credential.getUsername(), credential.getPassword());
    }
    if (!scheme.equals("bearer")) {
      throw new IOException("unsupported authentication scheme in challenge: " + scheme);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }
    String realm = parameters.get("realm");
    if (realm == null || realm.isEmpty()) {
      throw new IOException("bearer challenge without a realm: " + challenge);
    }
    StringBuilder query = new StringBuilder();
    if (parameters.containsKey("service")) {
      query.append("service=").append(encode(parameters.get("service")));
    }
    if (!scope.isEmpty()) {
      query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
    }
    if (credential != null) {
      query.append(query.length() == 0 ? "" : "&").append("account=").append(encode(credential.getUsername()));
    }
    URL tokenUrl = new URL(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
    Authorization basic = credential == null ? null
        : Authorization.fromBasicCredentials(credential.getUsername(), credential.getPassword());
    Answer answer = retries.run("GET token from " + tokenUrl.getHost(),
        () -> send(tokenUrl, basic, List.of("application/json")));
    JsonNode token = JSON.readTree(answer.body());
    String value = token.path("token").asText(token.path("access_token").asText(""));
    if (value.isEmpty()) {
      throw new IOException("the token server " + tokenUrl.getHost() + " answered without a token");
    }
    return Authorization.fromBearerToken(value);
  }

  private Answer send(URL url, Authorization authorization, List<String> accept) throws IOException {
    Request request = Request.builder()
        .setUserAgent(RepositoryConnection.USER_AGENT)
        .setHttpTimeout(JibSystemProperties.getHttpTimeout())
        .setAccept(accept)
        .setAuthorization(authorization)
        .build();
    try (Response response = http.get(url, request)) {
      byte[] body;
      try (InputStream in = response.getBody()) {
        body = in.readNBytes(MAXIMUM_BODY_BYTES + 1);
      }
      if (body.length > MAXIMUM_BODY_BYTES) {
        throw new IOException("the answer of " + url + " is larger than " + MAXIMUM_BODY_BYTES + " bytes");
      }
      List<String> links = response.getHeader("Link");
      return new Answer(response.getStatusCode(), body, links.isEmpty() ? null : links.get(0));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
