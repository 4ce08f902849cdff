package dev.jbuild.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** BuildKit's cache flag shapes: {@code type=registry,ref=REF[,mode=max]}, or a bare {@code REF}. */
final class CacheSpecs {
  private CacheSpecs() {}

  static String registryReference(String spec, String flag, CommandLine commandLine) {
    if (!spec.contains("=")) {
      return spec;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : spec.split(",")) {
      int equals = field.indexOf('=');
      if (equals <= 0) {
        throw new CommandLine.ParameterException(commandLine, flag + ": expected key=value pairs, got " + spec);
      }
      fields.put(field.substring(0, equals).trim(), field.substring(equals + 1).trim());
    }
    String type = fields.getOrDefault("type", "registry");
    if (!type.equals("registry")) {
      throw new CommandLine.ParameterException(commandLine, flag + ": only type=registry is supported, got type=" + type);
    }
    String ref = fields.get("ref");
    if (ref == null || ref.isEmpty()) {
      throw new CommandLine.ParameterException(commandLine, flag + ": type=registry needs ref=REF");
    }
    return ref;
  }
}
