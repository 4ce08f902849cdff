package dev.jbuild.maven;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildListener;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.api.BuildResult;
import dev.jbuild.api.ImageBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code jbuild:build}: builds the project's Dockerfile into an image, in process (no daemon, no
 * forked CLI), and pushes it when asked. Parameters mirror {@code jbuild build}'s flags.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractMojo {
  /** The Dockerfile. */
  @Parameter(property = "jbuild.dockerfile", defaultValue = "${project.basedir}/Dockerfile")
  File dockerfile;

  /** The build context directory. */
  @Parameter(property = "jbuild.contextDirectory", defaultValue = "${project.basedir}")
  File contextDirectory;

  /** Image references to name the result, e.g. {@code 127.0.0.1:5000/app:1.0} ({@code -Djbuild.tags=a,b}). */
  @Parameter(property = "jbuild.tags")
  List<String> tags = new ArrayList<>();

  /** Build arguments ({@code --build-arg}). */
  @Parameter
  Map<String, String> buildArgs = new LinkedHashMap<>();

  /** The stage to build (default: the last). */
  @Parameter(property = "jbuild.target")
  String target;

  /** Push the image to the registries of its tags. */
  @Parameter(property = "jbuild.push", defaultValue = "false")
  boolean push;

  /** jbuild's cache (default: {@code $XDG_CACHE_HOME/jbuild}); {@code <cacheDir>} works too, as the CLI spells it. */
  @Parameter(property = "jbuild.cacheDirectory", alias = "cacheDir")
  File cacheDirectory;

  /** Registry mirrors as {@code REGISTRY=HOST[:PORT]}, e.g. {@code docker.io=127.0.0.1:5000}. */
  @Parameter
  List<String> registryMirrors = new ArrayList<>();

  /** Registries reachable over plain HTTP besides loopback ones. */
  @Parameter
  List<String> insecureRegistries = new ArrayList<>();

  /** The platform to build for, {@code os/arch} (default: the host's). */
  @Parameter(property = "jbuild.platform")
  String platform;

  /** RUN's network: {@code host} (default) or {@code none}. */
  @Parameter(property = "jbuild.network", defaultValue = "host")
  String network = "host";

  /** Re-resolve base image tags in their registries even when stored locally. */
  @Parameter(property = "jbuild.pull", defaultValue = "false")
  boolean pull;

  /** Run at most this many steps at once; 0 (the default) lets jbuild choose. */
  @Parameter(property = "jbuild.jobs", defaultValue = "0")
  int jobs;

  /** Outputs in BuildKit's shape, e.g. {@code type=oci,dest=${project.build.directory}/image.tar}. */
  @Parameter
  List<String> outputs = new ArrayList<>();

  /**
   * Secrets for {@code RUN --mount=type=secret} as {@code --secret} takes them:
   * {@code id=ID,src=FILE} or {@code id=ID,env=VARIABLE}.
   */
  @Parameter
  List<String> secrets = new ArrayList<>();

  /** SSH agents for {@code RUN --mount=type=ssh} as {@code --ssh} takes them: {@code default} or {@code ID=SOCKET}. */
  @Parameter
  List<String> ssh = new ArrayList<>();

  /** Registry caches to reuse steps from ({@code --cache-from}), as {@code REF}. */
  @Parameter
  List<String> cacheFrom = new ArrayList<>();

  /** The registry cache to export this build's steps to ({@code --cache-to}), as {@code REF}. */
  @Parameter(property = "jbuild.cacheTo")
  String cacheTo;

  /** Where to write the build's metadata JSON ({@code --metadata-file}). */
  @Parameter(property = "jbuild.metadataFile")
  File metadataFile;

  /** Run every step even when cached ({@code --no-cache}). */
  @Parameter(property = "jbuild.noCache", defaultValue = "false")
  boolean noCache;

  /** Skip the goal. */
  @Parameter(property = "jbuild.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("jbuild: skipped");
      return;
    }
    BuildRequest request = request();
    try {
      BuildResult result = new ImageBuilder().build(request, new LogListener(getLog()));
      for (String reference : result.references()) {
        getLog().info((result.pushed() ? "pushed " : "named ") + reference);
      }
      getLog().info("image " + result.imageDigest());
    } catch (BuildException e) {
      StringBuilder message = new StringBuilder(e.getMessage());
      e.details().forEach(detail -> message.append(System.lineSeparator()).append("  ").append(detail));
      throw new MojoFailureException(message.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("jbuild was interrupted", e);
    }
  }

  BuildRequest request() throws MojoExecutionException {
    if (!network.equals("host") && !network.equals("none")) {
      throw new MojoExecutionException("network must be host or none, got " + network);
    }
    if (jobs < 0) {
      throw new MojoExecutionException("jobs must be 0 (jbuild's choice) or more, got " + jobs);
    }
    BuildRequest.Builder builder = BuildRequest.builder(contextDirectory.toPath())
        .dockerfile(dockerfile.toPath())
        .tags(tags)
        .push(push)
        .buildArgs(buildArgs)
        .target(target)
        .platform(platform)
        .network(network)
        .pull(pull)
        .jobs(jobs);
    if (cacheDirectory != null) {
      builder.cacheDirectory(cacheDirectory.toPath());
    }
    for (String mirror : registryMirrors) {
      int equals = mirror.indexOf('=');
      if (equals <= 0 || equals == mirror.length() - 1) {
        throw new MojoExecutionException("registryMirrors entries take REGISTRY=HOST[:PORT], got " + mirror);
      }
      builder.registryMirror(mirror.substring(0, equals),
          mirror.substring(equals + 1).replaceFirst("^https?://", "").replaceFirst("/+$", ""));
    }
    insecureRegistries.forEach(builder::insecureRegistry);
    outputs.forEach(builder::output);
    for (String agent : ssh) {
      try {
        builder.ssh(agent, System.getenv());
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("ssh: " + e.getMessage(), e);
      }
    }
    for (String secret : secrets) {
      try {
        builder.secret(secret, System.getenv());
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("secrets: " + e.getMessage(), e);
      }
    }
    cacheFrom.forEach(builder::cacheFrom);
    builder.cacheTo(cacheTo).noCache(noCache);
    if (metadataFile != null) {
      builder.metadataFile(metadataFile.toPath());
    }
    return builder.build();
  }

  /**
   * Build progress as Maven log lines, shaped like {@code jbuild --progress=plain} so that CI logs
   * read the same whichever way jbuild ran. Byte counts go to the debug log, once per transfer.
   */
  static final class LogListener implements BuildListener {
    private final Log log;

    LogListener(Log log) {
      this.log = log;
    }

    @Override
    public synchronized void onEvent(BuildEvent event) {
      if (event instanceof BuildEvent.StepStarted started) {
        log.info(String.format("#%d [%s %d/%d] %s", started.step(), started.stage(), started.position(),
            started.total(), started.instruction()));
      } else if (event instanceof BuildEvent.StepOutput output) {
        log.info("#" + output.step() + " " + output.line());
      } else if (event instanceof BuildEvent.StepCached cached) {
        log.info("#" + cached.step() + " CACHED");
      } else if (event instanceof BuildEvent.StepFinished finished) {
        log.info("#" + finished.step() + " DONE " + seconds(finished.duration()));
      } else if (event instanceof BuildEvent.StepFailed failed) {
        log.error("#" + failed.step() + " ERROR " + seconds(failed.duration()) + ": " + failed.error());
      } else if (event instanceof BuildEvent.Activity activity) {
        log.info("#0 " + activity.text());
      } else if (event instanceof BuildEvent.Transfer transfer) {
        if (log.isDebugEnabled() && transfer.total() > 0 && transfer.done() >= transfer.total()) {
          log.debug("#0 " + transfer.name() + " " + transfer.total() + " bytes done");
        }
      }
    }

    private static String seconds(java.time.Duration duration) {
      return String.format(java.util.Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
    }
  }
}
