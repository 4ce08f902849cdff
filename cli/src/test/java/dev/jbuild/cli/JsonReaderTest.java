package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void read_everyKindOfValue_becomesJavaValues() throws Exception {
    Object value = JsonReader.read("""
        {"s": "a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9", "n": -12.5e2, "z": 0, "t": true, "f": false, "x": null,
         "a": [1, "two", [], {}], "o": {"k": "v"}}
        """);

    assertThat(value).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    assertThat(object.get("s")).isEqualTo("a\"\\/\b\f\n\r\té");
    assertThat(object.get("n")).isEqualTo(new BigDecimal("-12.5e2"));
    assertThat(object.get("z")).isEqualTo(BigDecimal.ZERO);
    assertThat(object.get("t")).isEqualTo(true);
    assertThat(object.get("f")).isEqualTo(false);
    assertThat(object.containsKey("x")).isTrue();
    assertThat(object.get("x")).isNull();
    assertThat(object.get("a")).isEqualTo(List.of(BigDecimal.ONE, "two", List.of(), Map.of()));
    assertThat(object.get("o")).isEqualTo(Map.of("k", "v"));
    assertThat(object.keySet()).containsExactly("s", "n", "z", "t", "f", "x", "a", "o");
  }

  @Test
  void read_byteOrderMarkAndSurroundingWhitespace_areAccepted() throws Exception {
    assertThat(JsonReader.read("\uFEFF \n [ ] \n")).isEqualTo(List.of());
  }

  @Test
  void read_malformedDocuments_nameLineAndColumn() {
    assertError("{\n  \"a\": 1,\n}", "3:1: unexpected '}', expected a key in double quotes");
    assertError("{\"a\" 1}", "1:6: unexpected '1', expected ':'");
    assertError("[1 2]", "1:4: unexpected '2', expected ',' or ']'");
    assertError("{\"a\": tru}", "1:7: unexpected 't', expected a value");
    assertError("\"open", "1:6: unterminated string");
    assertError("\"tab\there\"", "1:5: control character in a string (write it as an escape, e.g. \\n)");
    assertError("\"\\x\"", "1:2: unknown escape \\x");
    assertError("01", "1:2: unexpected '1' after the document");
    assertError("1.", "1:3: a number needs digits after '.'");
    assertError("{\"a\": 1, \"a\": 2}", "1:10: duplicate key \"a\"");
    assertError("", "1:1: unexpected end of file, expected a value");
    assertError("// comment\n{}", "1:1: unexpected '/', expected a value");
  }

  @Test
  void read_tooDeep_isRejectedRatherThanOverflowingTheStack() {
    char[] open = new char[1000];
    Arrays.fill(open, '[');
    assertThatThrownBy(() -> JsonReader.read(new String(open))).isInstanceOf(JsonReader.SyntaxException.class)
        .hasMessageContaining("nested deeper than 64");
  }

  private static void assertError(String json, String message) {
    assertThatThrownBy(() -> JsonReader.read(json)).as(json).isInstanceOf(JsonReader.SyntaxException.class)
        .hasMessage(message);
  }
}
