package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {
  @TempDir Path temporary;

  @Test
  void authFor_keyWithSchemeAndPath_matchesTheHost() throws Exception {
    DockerConfigFile config = read("{\"auths\":{\"https://registry.example:5000/v2/\":{\"auth\":\"eDp5\"}}}");

    assertThat(config.authFor("registry.example:5000")).isPresent();
    assertThat(config.authFor("registry.example")).isEmpty();
  }

  @Test
  void authFor_dockerHubV1Key_matchesDockerIoAndItsAliases() throws Exception {
    DockerConfigFile config = read("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"eDp5\"}}}");

    assertThat(config.authFor("docker.io")).isPresent();
    assertThat(config.authFor("registry-1.docker.io")).isPresent();
  }

  @Test
  void credentialHelperFor_credHelpersEntry_beatsCredsStore() throws Exception {
    DockerConfigFile config = read("{\"credsStore\":\"desktop\",\"credHelpers\":{\"gcr.io\":\"gcloud\"}}");

    assertThat(config.credentialHelperFor("gcr.io")).hasValue("gcloud");
    assertThat(config.credentialHelperFor("quay.io")).hasValue("desktop");
  }

  @Test
  void putAuth_dockerHub_usesDockersV1KeyAndReplacesAliases() throws Exception {
    DockerConfigFile config = read("{\"auths\":{\"docker.io\":{\"auth\":\"b2xkOm9sZA==\"}}}");

    config.putAuth("docker.io", "bmV3Om5ldw==");
    config.write();

    assertThat(Files.readString(config.file()))
        .contains("\"https://index.docker.io/v1/\"")
        .contains("bmV3Om5ldw==")
        .doesNotContain("b2xkOm9sZA==");
  }

  @Test
  void read_invalidJson_failsWithoutQuotingTheFile() throws Exception {
    Path file = Files.writeString(temporary.resolve("config.json"), "{\"auths\": {\"x\": \"c2VjcmV0\" ");

    assertThatThrownBy(() -> DockerConfigFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + " is not valid JSON")
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void read_missingFile_isEmpty() throws Exception {
    DockerConfigFile config = DockerConfigFile.read(temporary.resolve("none.json"));

    assertThat(config.authFor("docker.io")).isEmpty();
    assertThat(config.credentialHelperFor("docker.io")).isEmpty();
  }

  private DockerConfigFile read(String json) throws IOException {
    return DockerConfigFile.read(Files.writeString(temporary.resolve("config.json"), json));
  }
}
