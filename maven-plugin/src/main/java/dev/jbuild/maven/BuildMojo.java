package dev.jbuild.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code jbuild:build}: builds the project's Dockerfile into an image. */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractMojo {
  @Parameter(property = "jbuild.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() {
    if (skip) {
      getLog().info("jbuild: skipped");
      return;
    }
    getLog().info("jbuild: TODO wire the executor API");
  }
}
