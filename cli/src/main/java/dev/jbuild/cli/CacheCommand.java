package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.CacheStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jbuild cache du|prune}. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Shows or trims jbuild's local cache.",
    subcommands = {CacheCommand.Usage.class, CacheCommand.Prune.class},
    footer = {"", "Examples:", "  jbuild cache du", "  jbuild cache prune --keep-storage 10GB", "  jbuild cache prune --filter until=24h"})
final class CacheCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: du or prune");
  }

  /** {@code jbuild cache du}. */
  @Command(name = "du", mixinStandardHelpOptions = true, description = "Shows how much the cache holds.")
  static final class Usage implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache (default: $XDG_CACHE_HOME/jbuild).")
    Path cacheDirectory;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        CacheStore store = CacheStore.open(cacheDirectory);
        CacheStore.Usage usage = store.usage();
        out.printf("%-16s %8s %12s%n", "WHAT", "COUNT", "SIZE");
        out.printf("%-16s %8d %12s%n", "layer blobs", usage.blobs(), ByteSizes.format(usage.blobBytes()));
        out.printf("%-16s %8d %12s%n", "unpacked layers", usage.layers(), ByteSizes.format(usage.layerBytes()));
        out.printf("%-16s %8d %12s%n", "cache mounts", usage.mounts(), ByteSizes.format(usage.mountBytes()));
        out.printf("%-16s %8s %12s%n", "total", "", ByteSizes.format(usage.totalBytes()));
        out.println("cache: " + store.directory());
        return ExitCodes.OK;
      } catch (BuildException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return ExitCodes.BUILD_FAILED;
      }
    }
  }

  /** {@code jbuild cache prune}. */
  @Command(name = "prune", mixinStandardHelpOptions = true,
      description = "Removes cached layers, least recently used first (everything when no limit is given).")
  static final class Prune implements Callable<Integer> {
    private static final Pattern UNTIL = Pattern.compile("until=([0-9]+)([smhd])");

    @Spec
    CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache (default: $XDG_CACHE_HOME/jbuild).")
    Path cacheDirectory;

    @Option(names = "--keep-storage", paramLabel = "SIZE", description = "Keep at most this much, e.g. 10GB (decimal) or 10GiB (binary).")
    String keepStorage;

    @Option(names = "--filter", paramLabel = "until=DURATION", description = "Remove what was unused for longer, e.g. until=24h.")
    String filter;

    @Override
    public Integer call() {
      Long keepBytes = null;
      if (keepStorage != null) {
        try {
          // The same units as the config file's cacheSizeLimit: 10GB is decimal, 10GiB binary.
          keepBytes = ByteSizes.parse(keepStorage);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--keep-storage: " + e.getMessage());
        }
      }
      Duration unusedFor = null;
      if (filter != null) {
        Matcher matcher = UNTIL.matcher(filter.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
          throw new ParameterException(spec.commandLine(), "--filter takes until=DURATION (s, m, h or d), got " + filter);
        }
        long amount = Long.parseLong(matcher.group(1));
        unusedFor = switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      try {
        long reclaimed = CacheStore.open(cacheDirectory).prune(keepBytes, unusedFor);
        spec.commandLine().getOut().println("reclaimed " + ByteSizes.format(reclaimed));
        return ExitCodes.OK;
      } catch (BuildException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return ExitCodes.BUILD_FAILED;
      }
    }
  }
}
