package dev.jbuild.core.image;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.jbuild.core.digest.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads and writes image JSON (manifests, indexes, configs). Output is compact, with map keys
 * sorted, so that the same value always gives the same bytes and therefore the same digest.
 * Thread-safe.
 */
public final class ImageJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(
              new SimpleModule("jbuild-image")
                  .addSerializer(Digest.class, new DigestSerializer())
                  .addDeserializer(Digest.class, new DigestDeserializer())
                  .addSerializer(Instant.class, new InstantSerializer())
                  .addDeserializer(Instant.class, new InstantDeserializer()))
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .build();

  private ImageJson() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("image model values always serialise: " + value, e);
    }
  }

  /**
   * Parses {@code json} as {@code type}.
   *
   * @throws IOException when the bytes are not valid JSON of that shape
   */
  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /** The {@code mediaType} field of a manifest or index, or null when it has none. */
  public static String mediaTypeOf(byte[] json) throws IOException {
    JsonNode node = MAPPER.readTree(json);
    JsonNode mediaType = node.get("mediaType");
    if (mediaType != null && mediaType.isTextual()) {
      return mediaType.asText();
    }
    // An OCI index or manifest may omit mediaType; tell them apart by their fields.
    if (node.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (node.has("config")) {
      return MediaTypes.OCI_MANIFEST;
    }
    return null;
  }

  /** Pretty-printed JSON of any model value, for humans (never for digests). */
  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class DigestSerializer extends JsonSerializer<Digest> {
    @Override
    public void serialize(Digest value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class DigestDeserializer extends JsonDeserializer<Digest> {
    @Override
    public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return Digest.parse(p.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw ctxt.weirdStringException(p.getValueAsString(), Digest.class, e.getMessage());
      }
    }
  }

  private static final class InstantSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        // Some tools write dates Go's time package accepts but ISO-8601 parsers do not; a
        // base image's creation date is informative only, so an unreadable one is dropped.
        return null;
      }
    }
  }

  /** Writes a set of strings as Docker does: {@code {"80/tcp":{},"443/tcp":{}}}. */
  static final class StringSetAsObjectSerializer extends JsonSerializer<SortedSet<String>> {
    @Override
    public void serialize(SortedSet<String> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeStartObject();
      for (String key : value) {
        gen.writeFieldName(key);
        gen.writeStartObject();
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, SortedSet<String> value) {
      return value == null || value.isEmpty();
    }
  }

  /** Reads {@code {"80/tcp":{}}} into a sorted set of its keys. */
  static final class StringSetAsObjectDeserializer extends JsonDeserializer<SortedSet<String>> {
    @Override
    public SortedSet<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      SortedSet<String> keys = new TreeSet<>();
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return keys;
      }
      JsonNode node = p.readValueAsTree();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      return keys;
    }

    @Override
    public SortedSet<String> getNullValue(DeserializationContext ctxt) {
      return new TreeSet<>();
    }
  }
}
