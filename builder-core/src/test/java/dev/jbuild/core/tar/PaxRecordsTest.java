package dev.jbuild.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaxRecordsTest {
  @Test
  void encode_lengthCarriesIntoAnotherDigit_lengthCountsItself() throws MalformedTarException {
    // " path=" + value + "\n" is 7 + value bytes; with 91 value bytes the body is 98 and two digits
    // would make 100, which needs three.
    for (int valueLength = 85; valueLength < 100; valueLength++) {
      Map<String, byte[]> records = new LinkedHashMap<>();
      records.put("path", "p".repeat(valueLength).getBytes(StandardCharsets.UTF_8));
      byte[] encoded = PaxRecords.encode(records);
      String text = new String(encoded, StandardCharsets.UTF_8);

      assertThat(Integer.parseInt(text.substring(0, text.indexOf(' ')))).isEqualTo(encoded.length);
      assertThat(PaxRecords.decode(encoded).get("path")).hasSize(valueLength);
    }
  }

  @Test
  void decode_valueWithNewlineAndEquals_keptWhole() throws MalformedTarException {
    byte[] value = {'a', '=', '\n', (byte) 0xff};
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("SCHILY.xattr.user.x", value);

    assertThat(PaxRecords.decode(PaxRecords.encode(records)).get("SCHILY.xattr.user.x")).isEqualTo(value);
  }

  @Test
  void decode_lengthBeyondData_throws() {
    assertThatThrownBy(() -> PaxRecords.decode("99 path=x\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedTarException.class);
  }
}
