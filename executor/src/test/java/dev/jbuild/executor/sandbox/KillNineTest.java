package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the JVM in the middle of a RUN leaves no process and no mount behind. */
class KillNineTest {
  @TempDir Path temp;

  @Test
  void killNineOfTheJvm_midStep_stepProcessesDieAndNothingStaysMounted() throws Exception {
    Path rootfs = BusyboxRootfs.create(temp.resolve("rootfs"));
    String marker = "marker-" + UUID.randomUUID();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SandboxChildMain.class.getName(),
                temp.resolve("state").toString(),
                rootfs.toString(),
                temp.resolve("step").toString(),
                marker)
            .redirectErrorStream(true)
            .start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = output.readLine();
      assertThat(line).isEqualTo("started");
      assertThat(HostState.processesWith(marker)).isNotEmpty();

      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    List<Long> left = HostState.processesWith(marker);
    for (int attempt = 0; attempt < 50 && !left.isEmpty(); attempt++) {
      Thread.sleep(100); // the parent-death signal and the namespace teardown are asynchronous
      left = HostState.processesWith(marker);
    }
    assertThat(left).isEmpty();
    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
  }
}
