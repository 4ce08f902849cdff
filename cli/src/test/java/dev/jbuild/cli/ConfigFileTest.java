package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir
  Path directory;

  private Config parse(String json) throws ConfigException {
    return ConfigFile.parse(directory.resolve("config.json"), json, Path.of("/home/user"));
  }

  private void assertInvalid(String json, String problem) {
    assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(ConfigException.class)
        .hasMessage(directory.resolve("config.json") + ": " + problem);
  }

  @Test
  void location_jbuildConfigWins_thenXdgConfigHome_thenHome() {
    assertThat(ConfigFile.location(Map.of("JBUILD_CONFIG", "/etc/jbuild.json", "HOME", "/root")))
        .isEqualTo(new ConfigFile.Location(Path.of("/etc/jbuild.json"), true));
    assertThat(ConfigFile.location(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/root")))
        .isEqualTo(new ConfigFile.Location(Path.of("/xdg/jbuild/config.json"), false));
    assertThat(ConfigFile.location(Map.of("HOME", "/root")))
        .isEqualTo(new ConfigFile.Location(Path.of("/root/.config/jbuild/config.json"), false));
    assertThat(ConfigFile.location(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/root")).path())
        .isEqualTo(Path.of("/root/.config/jbuild/config.json"));
  }

  @Test
  void load_noFileAtTheDefaultPlace_meansNoSettings() throws Exception {
    assertThat(ConfigFile.load(Map.of("HOME", directory.toString()))).isEqualTo(Config.NONE);
  }

  @Test
  void load_fileUnderXdgConfigHome_isRead() throws Exception {
    Files.createDirectories(directory.resolve("jbuild"));
    Files.writeString(directory.resolve("jbuild/config.json"), "{\"progress\": \"plain\"}");

    Config config = ConfigFile.load(Map.of("XDG_CONFIG_HOME", directory.toString()));

    assertThat(config.progress()).isEqualTo(ProgressMode.PLAIN);
    assertThat(config.source()).contains(directory.resolve("jbuild/config.json"));
  }

  @Test
  void parse_everyKey_isRead() throws Exception {
    Path certificate = Files.writeString(directory.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

    Config config = parse("""
        {
          "cacheDir": "~/cache/jbuild",
          "cacheSizeLimit": 1000000,
          "registryMirrors": {"docker.io": ["a:5000", "http://b:5000"], "quay.io": "c"},
          "insecureRegistries": ["lan:5000"],
          "registryCertificates": ["ca.pem"],
          "progress": "JSON"
        }
        """);

    assertThat(config.cacheDirectory()).isEqualTo(Path.of("/home/user/cache/jbuild"));
    assertThat(config.cacheSizeLimit()).isEqualTo(1_000_000);
    assertThat(config.registryMirrors()).containsExactly(Map.entry("docker.io", List.of("a:5000", "b:5000")),
        Map.entry("quay.io", List.of("c")));
    assertThat(config.insecureRegistries()).containsExactly("lan:5000");
    assertThat(config.registryCertificates()).containsExactly(certificate);
    assertThat(config.progress()).isEqualTo(ProgressMode.JSON);
  }

  @Test
  void parse_relativeCacheDir_isRelativeToTheFilesDirectory() throws Exception {
    assertThat(parse("{\"cacheDir\": \"../cache\"}").cacheDirectory()).isEqualTo(directory.getParent().resolve("cache"));
  }

  @Test
  void parse_emptyObject_meansNoSettings() throws Exception {
    Config config = parse("{}");

    assertThat(config.cacheDirectory()).isNull();
    assertThat(config.cacheSizeLimit()).isZero();
    assertThat(config.progress()).isNull();
  }

  @Test
  void parse_badValues_nameTheKeyAndWhatWasExpected() {
    assertInvalid("[]", "expected a JSON object at the top, got an array");
    assertInvalid("{\"cachedir\": \"/x\"}", "unknown key \"cachedir\" (known keys: cacheDir, cacheSizeLimit, "
        + "insecureRegistries, progress, registryCertificates, registryMirrors)");
    assertInvalid("{\"cacheDir\": 3}", "key \"cacheDir\": expected a non-empty string, got number 3");
    assertInvalid("{\"cacheSizeLimit\": \"huge\"}",
        "key \"cacheSizeLimit\": expected a size such as 512, 500MB or 10GiB, got \"huge\"");
    assertInvalid("{\"cacheSizeLimit\": 1.5}", "key \"cacheSizeLimit\": expected a whole number of bytes, got 1.5");
    assertInvalid("{\"cacheSizeLimit\": -1}", "key \"cacheSizeLimit\": expected 0 or more bytes, got -1");
    assertInvalid("{\"insecureRegistries\": \"lan\"}",
        "key \"insecureRegistries\": expected an array of strings, got string \"lan\"");
    assertInvalid("{\"insecureRegistries\": [\"a\", null]}",
        "key \"insecureRegistries[1]\": expected a non-empty string, got null");
    assertInvalid("{\"registryMirrors\": [\"a\"]}",
        "key \"registryMirrors\": expected an object of registry to mirror host(s), got an array");
    assertInvalid("{\"registryMirrors\": {\"docker.io\": []}}",
        "key \"registryMirrors.docker.io\": expected a registry name and at least one mirror host");
    assertInvalid("{\"registryCertificates\": [\"missing.pem\"]}",
        "key \"registryCertificates[0]\": no such file: " + directory.resolve("missing.pem"));
    assertInvalid("{\"progress\": true}", "key \"progress\": expected a non-empty string, got true");
  }

  @Test
  void parse_syntaxError_namesFileLineAndColumn() {
    assertThatThrownBy(() -> parse("{\n  \"progress\": \"plain\"\n  \"cacheDir\": \"/x\"\n}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(directory.resolve("config.json") + ":3:3: unexpected '\"', expected ',' or '}'");
  }

  @Test
  void load_notUtf8_isReported() throws Exception {
    Path file = Files.write(directory.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});

    assertThatThrownBy(() -> ConfigFile.load(Map.of("JBUILD_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class).hasMessage(file + ": not UTF-8 text");
  }
}
