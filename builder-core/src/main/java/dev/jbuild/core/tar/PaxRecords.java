package dev.jbuild.core.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes and decodes PAX extended header records ({@code "<length> <key>=<value>\n"}).
 *
 * <p>Values are kept as bytes. commons-compress decodes every PAX value as UTF-8 text, which
 * destroys binary values such as {@code SCHILY.xattr.security.capability} written by Go-based
 * tools (docker, BuildKit); that is why this package formats and parses PAX records itself.
 */
final class PaxRecords {
  private PaxRecords() {}

  static byte[] encode(Map<String, byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      byte[] key = record.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = record.getValue();
      // The length counts its own digits; adding them can carry into one more digit.
      int body = 1 + key.length + 1 + value.length + 1;
      int length = body + Integer.toString(body).length();
      if (Integer.toString(length).length() != Integer.toString(body).length()) {
        length = body + Integer.toString(length).length();
      }
      out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
      out.write(' ');
      out.writeBytes(key);
      out.write('=');
      out.writeBytes(value);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** Parses a whole extended header; later records win over earlier ones with the same key. */
  static Map<String, byte[]> decode(byte[] data) throws MalformedTarException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    int position = 0;
    while (position < data.length) {
      if (data[position] == 0) {
        break; // some writers pad the header with NULs
      }
      int space = position;
      long length = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9') {
        length = length * 10 + (data[space] - '0');
        if (length > data.length) {
          throw new MalformedTarException("PAX record length exceeds the header at offset " + position);
        }
        space++;
      }
      if (space == position || space >= data.length || data[space] != ' ') {
        throw new MalformedTarException("PAX record without a length at offset " + position);
      }
      int end = position + (int) length;
      if (end > data.length || end <= space + 1 || data[end - 1] != '\n') {
        throw new MalformedTarException("PAX record with a wrong length at offset " + position);
      }
      int equals = space + 1;
      while (equals < end - 1 && data[equals] != '=') {
        equals++;
      }
      if (equals >= end - 1 && data[equals] != '=') {
        throw new MalformedTarException("PAX record without '=' at offset " + position);
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      records.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
      position = end;
    }
    return records;
  }
}
