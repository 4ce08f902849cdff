package dev.jbuild.core.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jbuild.core.digest.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An image config (the JSON blob a manifest's {@code config} descriptor points at). Unknown
 * fields of configs written by other tools are dropped on read, as BuildKit drops them when it
 * builds on a base.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "author", "architecture", "variant", "os", "config", "rootfs", "history"})
public record ImageConfig(
    @JsonProperty("created") Instant created,
    @JsonProperty("author") @JsonInclude(JsonInclude.Include.NON_EMPTY) String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("variant") @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
    @JsonProperty("os") String os,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HistoryEntry> history) {

  public ImageConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    config = config == null ? ContainerConfig.EMPTY : config;
    rootfs = rootfs == null ? new RootFs("layers", List.of()) : rootfs;
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** The config of an empty ({@code FROM scratch}) image for {@code platform}. */
  public static ImageConfig scratch(Platform platform) {
    return new ImageConfig(null, null, platform.architecture(), platform.variant(), platform.os(),
        ContainerConfig.EMPTY, new RootFs("layers", List.of()), List.of());
  }

  @JsonIgnore
  public Platform platform() {
    return new Platform(architecture, os, variant);
  }

  public ImageConfig withConfig(ContainerConfig value) {
    return new ImageConfig(created, author, architecture, variant, os, value, rootfs, history);
  }

  public ImageConfig withCreated(Instant value) {
    return new ImageConfig(value, author, architecture, variant, os, config, rootfs, history);
  }

  public ImageConfig withAuthor(String value) {
    return new ImageConfig(created, value, architecture, variant, os, config, rootfs, history);
  }

  public ImageConfig withHistory(List<HistoryEntry> value) {
    return new ImageConfig(created, author, architecture, variant, os, config, rootfs, value);
  }

  /** This config with one more layer and its history entry. */
  public ImageConfig withLayer(Digest diffId, HistoryEntry entry) {
    List<Digest> diffIds = new ArrayList<>(rootfs.diffIds());
    diffIds.add(diffId);
    List<HistoryEntry> entries = new ArrayList<>(history);
    entries.add(entry);
    return new ImageConfig(created, author, architecture, variant, os, config, new RootFs(rootfs.type(), diffIds), entries);
  }

  /** This config with one more history entry that adds no layer. */
  public ImageConfig withEmptyLayerHistory(HistoryEntry entry) {
    List<HistoryEntry> entries = new ArrayList<>(history);
    entries.add(entry);
    return new ImageConfig(created, author, architecture, variant, os, config, rootfs, entries);
  }

  /** The {@code rootfs} object: the uncompressed digests (diff_ids) of the layers, in order. */
  public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
    public RootFs {
      type = type == null ? "layers" : type;
      diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }
  }
}
