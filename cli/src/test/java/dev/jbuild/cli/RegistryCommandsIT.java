package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.testdata.LocalRegistry;
import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.NonLoopbackAddresses;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.SelfSignedCertificate;
import dev.jbuild.testdata.Skopeo;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry commands of the packaged CLI against real registries: login, push and logout
 * with htpasswd auth (config file and credential helper on PATH), {@code --authfile} and
 * {@code REGISTRY_AUTH_FILE}, {@code jbuild images}, {@code --registry-ca} over HTTPS, and
 * {@code --format docker} read by skopeo and pulled and run by docker.
 */
class RegistryCommandsIT {
  private static final String USER = "carol";
  private static final String PASSWORD = "pa55 word from stdin";

  @AutoClose static final LocalRegistry SECURED = LocalRegistry.builder().basicAuth(USER, PASSWORD).start();

  @TempDir static Path cache;
  @TempDir Path temporary;

  @Test
  void loginPushLogout_htpasswdRegistry_pushWorksOnlyWhileLoggedIn() throws Exception {
    Path authFile = temporary.resolve("auth/config.json");
    Path context = scratchContext("logged in");
    String image = SECURED.address() + "/cli/login:1";

    ProcessResult login = jbuild(Map.of(), PASSWORD + "\n",
        "login", SECURED.address(), "-u", USER, "--password-stdin", "--authfile", authFile.toString());

    assertThat(login.exitCode()).as(login.describe()).isZero();
    assertThat(login.stdout().strip()).isEqualTo("Login Succeeded");
    assertThat(login.stdout() + login.stderr()).doesNotContain(PASSWORD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authFile))).isEqualTo("rw-------");
    assertThat(new ObjectMapper().readTree(authFile.toFile()).path("auths").path(SECURED.address()).path("auth").asText())
        .isEqualTo(base64(USER + ":" + PASSWORD));

    ProcessResult push = build(Map.of(), context, "-t", image, "--push", "--authfile", authFile.toString());
    assertThat(push.exitCode()).as(push.describe()).isZero();
    JsonNode inspected = skopeoWithCredentials(image);
    assertThat(inspected.get("Digest").asText()).isEqualTo(push.stdout().strip());

    ProcessResult logout = jbuild(Map.of("REGISTRY_AUTH_FILE", authFile.toString()), null, "logout", SECURED.address());
    assertThat(logout.exitCode()).as(logout.describe()).isZero();
    assertThat(logout.stdout().strip()).isEqualTo("Removing login credentials for " + SECURED.address());

    ProcessResult denied = build(Map.of("REGISTRY_AUTH_FILE", authFile.toString()), context, "-t", image, "--push");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.stderr()).contains("error: denied: check the credentials for " + SECURED.address())
        .doesNotContain("Exception");
  }

  @Test
  void login_wrongPassword_failsWithOneLineAndStoresNothing() {
    Path authFile = temporary.resolve("config.json");

    ProcessResult login = jbuild(Map.of(), "not it\n",
        "login", SECURED.address(), "-u", USER, "--password-stdin", "--authfile", authFile.toString());

    assertThat(login.exitCode()).isEqualTo(1);
    assertThat(login.stderr().strip()).isEqualTo("error: denied: check the credentials for " + SECURED.address());
    assertThat(authFile).doesNotExist();
  }

  @Test
  void login_credsStoreHelperOnPath_storesInHelperAndPushGetsCredentialsFromIt() throws Exception {
    Path helperBin = Files.createDirectories(temporary.resolve("bin"));
    Path store = Files.createDirectories(temporary.resolve("store"));
    writeHelper(helperBin.resolve("docker-credential-test"), store);
    Path authFile = Files.writeString(temporary.resolve("config.json"), "{\"credsStore\":\"test\"}");
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", helperBin + ":" + System.getenv("PATH"));
    environment.put("REGISTRY_AUTH_FILE", authFile.toString());
    String image = SECURED.address() + "/cli/helper:1";

    ProcessResult login = jbuild(environment, PASSWORD, "login", SECURED.address(), "-u", USER, "--password-stdin");
    ProcessResult push = build(environment, scratchContext("via a helper"), "-t", image, "--push");
    ProcessResult logout = jbuild(environment, null, "logout", SECURED.address());

    assertThat(login.exitCode()).as(login.describe()).isZero();
    assertThat(login.stderr()).contains("credentials stored with docker-credential-test");
    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(logout.exitCode()).as(logout.describe()).isZero();
    assertThat(Files.readString(authFile)).doesNotContain(PASSWORD).doesNotContain(base64(USER + ":" + PASSWORD));
    assertThat(Files.readAllLines(store.resolve("calls"))).containsExactly("store", "get", "erase");
    assertThat(skopeoWithCredentials(image).get("Digest").asText()).isEqualTo(push.stdout().strip());
  }

  @Test
  void images_registryAndRepository_listRepositoriesThenTagsOnePerLine() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start()) {
      Path context = scratchContext("listed");
      ProcessResult first = build(Map.of(), context, "-t", registry.address() + "/list/a:1",
          "-t", registry.address() + "/list/a:2", "-t", registry.address() + "/list/b:latest", "--push");
      assertThat(first.exitCode()).as(first.describe()).isZero();

      ProcessResult repositories = jbuild(Map.of(), null, "images", registry.address());
      ProcessResult tags = jbuild(Map.of(), null, "images", registry.address() + "/list/a");

      assertThat(repositories.exitCode()).as(repositories.describe()).isZero();
      assertThat(repositories.stdout().lines().toList()).containsExactly("list/a", "list/b");
      assertThat(tags.stdout().lines().toList()).containsExactlyInAnyOrder("1", "2");
    }
  }

  @Test
  void images_httpsRegistryWithRegistryCa_listsAndWithoutItNamesTheMissingCa() throws Exception {
    Optional<InetAddress> address = NonLoopbackAddresses.firstIpv4();
    Assumptions.assumeTrue(address.isPresent(),
        "SKIPPED: this machine has no non-loopback IPv4 address to run an HTTPS registry on");
    SelfSignedCertificate certificate = SelfSignedCertificate.create(
        temporary.resolve("tls"), "jbuild CLI test CA", List.of("ip:" + address.get().getHostAddress()));
    try (LocalRegistry registry = LocalRegistry.builder().bindAddress(address.get()).tls(certificate).start()) {
      String ca = registry.address() + "=" + certificate.certificate();
      ProcessResult push = build(Map.of(), scratchContext("over TLS"), "-t", registry.address() + "/tls/app:1",
          "--push", "--registry-ca", ca);
      ProcessResult listed = jbuild(Map.of(), null, "images", registry.address(), "--registry-ca", ca);
      ProcessResult untrusted = jbuild(Map.of(), null, "images", registry.address());
      Path config = Files.writeString(temporary.resolve("config.json"),
          "{\"registryCertificates\": [\"" + certificate.certificate() + "\"]}");
      ProcessResult viaConfig = jbuild(Map.of("JBUILD_CONFIG", config.toString()), null, "images", registry.address());
      ProcessResult buildViaConfig = build(Map.of("JBUILD_CONFIG", config.toString()), scratchContext("CA from config"),
          "-t", registry.address() + "/tls/config:1", "--push");

      assertThat(push.exitCode()).as(push.describe()).isZero();
      assertThat(listed.stdout().lines().toList()).containsExactly("tls/app");
      // The config file's registryCertificates are trusted for every registry, by every command.
      assertThat(viaConfig.stdout().lines().toList()).as(viaConfig.describe()).containsExactly("tls/app");
      assertThat(buildViaConfig.exitCode()).as(buildViaConfig.describe()).isZero();
      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.stderr().strip()).isEqualTo("error: TLS: cannot verify registry " + registry.address()
          + ": no trusted CA for certificate issuer \"CN=jbuild CLI test CA\"; give its CA with --registry-ca "
          + registry.address() + "=CA.pem or put it in /etc/docker/certs.d/" + registry.address() + "/ca.crt");
    }
  }

  @Test
  void build_formatDocker_pushesDockerMediaTypesThatDockerPullsAndRuns() throws Exception {
    TestBed.seeded(Jbuild.command());
    Path context = Files.createDirectories(temporary.resolve("docker-format"));
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN echo "docker format" > /format.txt
        CMD ["cat", "/format.txt"]
        """.formatted(TestBed.REGISTRY));
    String image = TestBed.REGISTRY + "/registry2/docker-format:1";

    ProcessResult push = build(Map.of(), context, "-t", image, "--push", "--format", "docker");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    JsonNode manifest = Skopeo.manifest(image);
    assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(manifest.get("config").get("mediaType").asText()).isEqualTo("application/vnd.docker.container.image.v1+json");
    List<String> layerTypes = new ArrayList<>();
    manifest.get("layers").forEach(layer -> layerTypes.add(layer.get("mediaType").asText()));
    assertThat(layerTypes).isNotEmpty().containsOnly("application/vnd.docker.image.rootfs.diff.tar.gzip");
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    assertThat(Processes.check(docker, Duration.ofMinutes(3)).stdout().strip()).isEqualTo("docker format");
  }

  private Path scratchContext(String text) throws IOException {
    Path context = Files.createDirectories(temporary.resolve("context-" + Math.abs(text.hashCode())));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    Files.writeString(context.resolve("hello.txt"), text + "\n");
    return context;
  }

  private static ProcessResult build(Map<String, String> environment, Path context, String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    return jbuild(environment, null, args.toArray(String[]::new));
  }

  private static ProcessResult jbuild(Map<String, String> environment, String stdin, String... args) {
    List<String> command = new ArrayList<>(Jbuild.command());
    command.addAll(List.of(args));
    return Processes.run(command, null, environment,
        stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
  }

  private static JsonNode skopeoWithCredentials(String image) throws IOException {
    ProcessResult result = Processes.check(List.of("skopeo", "inspect", "--tls-verify=false",
        "--creds", USER + ":" + PASSWORD, "docker://" + image), Duration.ofMinutes(2));
    return new ObjectMapper().readTree(result.stdout());
  }

  private static void writeHelper(Path helper, Path store) throws IOException {
    Files.writeString(helper, """
        #!/bin/sh
        store='%s'
        echo "$1" >> "$store/calls"
        case "$1" in
          store) cat > "$store/secret" ;;
          get) cat > /dev/null; if [ -f "$store/secret" ]; then cat "$store/secret"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          erase) cat > /dev/null; rm -f "$store/secret" ;;
        esac
        """.formatted(store));
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
  }

  private static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
