package dev.jbuild.executor.pipeline;

import dev.jbuild.core.image.HistoryEntry;
import dev.jbuild.core.image.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills in history and image times the way BuildKit's exporter does, so that times come from
 * the layers (kept in the cache) rather than from the clock: a fully cached rebuild then yields
 * the same config, hence the same image digest.
 */
final class History {
  private History() {}

  /**
   * Entries without a time (metadata-only steps) take the time of the first new layer, or of the
   * layer before them; the image's time is its last entry's. With {@code SOURCE_DATE_EPOCH}
   * every time is that epoch.
   */
  static ImageConfig normalize(ImageConfig config, Optional<Instant> sourceDateEpoch) {
    List<HistoryEntry> history = config.history();
    List<HistoryEntry> filled = new ArrayList<>(history.size());
    if (sourceDateEpoch.isPresent()) {
      for (HistoryEntry entry : history) {
        filled.add(withCreated(entry, sourceDateEpoch.get()));
      }
      return config.withHistory(filled).withCreated(sourceDateEpoch.get());
    }
    // The first time after an entry without one, else the last time there is.
    Instant fill = null;
    boolean missing = false;
    for (HistoryEntry entry : history) {
      if (entry.created() != null) {
        fill = entry.created();
        if (missing) {
          break;
        }
      } else {
        missing = true;
      }
    }
    missing = false;
    for (HistoryEntry entry : history) {
      if (entry.created() != null) {
        if (missing) {
          fill = entry.created();
        }
        filled.add(entry);
      } else {
        missing = true;
        filled.add(withCreated(entry, fill));
      }
    }
    Instant created = filled.isEmpty() || filled.get(filled.size() - 1).created() == null
        ? config.created()
        : filled.get(filled.size() - 1).created();
    if (created == null) {
      // Nothing in the image has a time (scratch with metadata only): it was made now.
      created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    return config.withHistory(filled).withCreated(created);
  }

  private static HistoryEntry withCreated(HistoryEntry entry, Instant created) {
    return new HistoryEntry(created, entry.createdBy(), entry.author(), entry.comment(), entry.emptyLayer());
  }
}
