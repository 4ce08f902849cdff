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

  /** Image references to name the result, e.g. {@code 127.0.0.1:5000/app:1.0}. */
  @Parameter
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

  /** jbuild's cache (default: {@code $XDG_CACHE_HOME/jbuild}). */
  @Parameter(property = "jbuild.cacheDirectory")
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

  private BuildRequest request() throws MojoExecutionException {
    BuildRequest.Builder builder = BuildRequest.builder(contextDirectory.toPath())
        .dockerfile(dockerfile.toPath())
        .tags(tags)
        .push(push)
        .buildArgs(buildArgs)
        .target(target)
        .platform(platform);
    if (cacheDirectory != null) {
      builder.cacheDirectory(cacheDirectory.toPath());
    }
    for (String mirror : registryMirrors) {
      int equals = mirror.indexOf('=');
      if (equals <= 0 || equals == mirror.length() - 1) {
        throw new MojoExecutionException("registryMirrors entries take REGISTRY=HOST[:PORT], got " + mirror);
      }
      builder.registryMirror(mirror.substring(0, equals), mirror.substring(equals + 1));
    }
    insecureRegistries.forEach(builder::insecureRegistry);
    return builder.build();
  }

  /** Build progress as Maven log lines, prefixed like jbuild's plain progress. */
  private static final class LogListener implements BuildListener {
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
      } else if (event instanceof BuildEvent.StepFailed failed) {
        log.error("#" + failed.step() + " " + failed.error());
      } else if (event instanceof BuildEvent.Activity activity) {
        log.info(activity.text());
      }
    }
  }
}
