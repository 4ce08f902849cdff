package dev.jbuild.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --secret} values in BuildKit's shapes. */
class BuildRequestTest {
  @TempDir
  Path directory;

  private static String value(BuildRequest request, String id) {
    return new String(request.secrets().get(id).value(), StandardCharsets.UTF_8);
  }

  @Test
  void secret_fromAFileOrAnEnvironmentVariable() throws Exception {
    Path file = Files.writeString(directory.resolve("token.txt"), "from-file");
    Map<String, String> environment = Map.of("NPM_TOKEN", "from-env", "bare", "bare-env");

    BuildRequest request = BuildRequest.builder(directory)
        .secret("id=a,src=" + file, environment)
        .secret("id=b,source=" + file + ",type=file", environment)
        .secret("id=c,env=NPM_TOKEN", environment)
        .secret("type=env,id=NPM_TOKEN", environment)
        .secret("id=bare", environment)
        .build();

    assertThat(value(request, "a")).isEqualTo("from-file");
    assertThat(value(request, "b")).isEqualTo("from-file");
    assertThat(value(request, "c")).isEqualTo("from-env");
    assertThat(value(request, "NPM_TOKEN")).isEqualTo("from-env");
    assertThat(value(request, "bare")).isEqualTo("bare-env");
    assertThat(request.secrets().get("a").toString()).isEqualTo("Secret[9 bytes]").doesNotContain("from-file");
  }

  @Test
  void secret_badSpecs_sayWhatIsWrong() {
    BuildRequest.Builder builder = BuildRequest.builder(directory);
    assertThatThrownBy(() -> builder.secret("src=x", Map.of())).hasMessageContaining("it needs id=");
    assertThatThrownBy(() -> builder.secret("id=a,env=UNSET", Map.of()))
        .hasMessage("secret a: environment variable UNSET is not set");
    assertThatThrownBy(() -> builder.secret("id=a,src=" + directory.resolve("missing"), Map.of()))
        .hasMessageContaining("secret a: cannot read " + directory.resolve("missing"));
    assertThatThrownBy(() -> builder.secret("id=a,colour=red", Map.of())).hasMessageContaining("unknown key colour");
  }
}
