package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  @Test
  void quote_specialCharacters_areEscapedAsRfc8259Says() {
    assertThat(JsonLine.quote("a\"b\\c\nd\re\tf\bg\fh\u0001i\u001Bj\u2028k/é"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001bj\\u2028k/é\"");
  }

  @Test
  void toString_everyKindOfValue_isReadBackByAJsonParser() throws Exception {
    String line = new JsonLine().add("text", "RUN echo \"hi\"\n\u0000").add("count", 42L).add("ok", true)
        .add("none", (String) null).add("list", List.of("a", "b\"")).toString();

    JsonNode node = new ObjectMapper().readTree(line);

    assertThat(line).doesNotContain("\n");
    assertThat(node.get("text").asText()).isEqualTo("RUN echo \"hi\"\n\u0000");
    assertThat(node.get("count").asLong()).isEqualTo(42);
    assertThat(node.get("ok").asBoolean()).isTrue();
    assertThat(node.get("none").isNull()).isTrue();
    assertThat(node.get("list").get(1).asText()).isEqualTo("b\"");
  }

  @Test
  void toString_nothingAdded_isAnEmptyObject() {
    assertThat(new JsonLine()).hasToString("{}");
  }
}
