package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceSandboxTest {
  @TempDir static Path shared;
  private static Path rootfs;

  @TempDir Path temp;
  private SandboxFixture fixture;

  @BeforeAll
  static void createRootfs() throws Exception {
    rootfs = BusyboxRootfs.create(shared.resolve("rootfs"));
  }

  @BeforeEach
  void createFixture() throws IOException {
    fixture = new SandboxFixture(temp);
  }

  private SandboxFixture.Result sh(String script) throws Exception {
    return fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", script));
  }

  @Test
  void run_pidOne_isJbuildInitAndParentOfTheCommand() throws Exception {
    SandboxFixture.Result result = sh("cat /proc/1/comm; echo parent=$PPID self=$$");

    assertThat(result.lines()).containsExactly("jbuild-init", "parent=1 self=2");
  }

  @Test
  void run_proc_showsOnlyTheStepsProcesses() throws Exception {
    SandboxFixture.Result result = sh("echo /proc/[0-9]*");

    assertThat(result.lines()).containsExactly("/proc/1 /proc/2");
  }

  @Test
  void run_hostname_isTheSpecsAndNotTheHosts() throws Exception {
    SandboxFixture.Result result = sh("hostname; cat /etc/hostname; grep -c jbuild-test /etc/hosts");

    assertThat(result.lines()).containsExactly("jbuild-test", "jbuild-test", "1");
    assertThat(InetAddress.getLocalHost().getHostName()).isNotEqualTo("jbuild-test");
  }

  @Test
  void run_mountTable_showsOnlyTheStepsMounts() throws Exception {
    SandboxFixture.Result result = sh("cut -d' ' -f5 /proc/self/mountinfo");

    assertThat(result.lines())
        .containsExactlyInAnyOrder(
            "/", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/etc/hosts", "/etc/hostname",
            "/etc/resolv.conf", "/proc", "/proc/acpi", "/proc/keys", "/proc/timer_list", "/proc/bus",
            "/proc/fs", "/proc/irq", "/proc/sys")
        .doesNotContain(temp.toString(), "/work", "/tmp");
  }

  @Test
  void run_hostFiles_unreachable() throws Exception {
    Path secret = Files.writeString(temp.resolve("host-secret"), "secret");

    SandboxFixture.Result result = sh("cat " + secret + " 2>&1; ls /proc/1/root/" + temp.getFileName() + " 2>&1; echo end");

    assertThat(result.output()).doesNotContain("secret\n").contains("No such file or directory").endsWith("end");
  }

  @Test
  void run_networkNone_onlyLoopbackAndItIsUp() throws Exception {
    RunSpec spec =
        fixture.spec(List.of(rootfs), "sh", "-c", "cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '; ping -c 1 -W 2 127.0.0.1 >/dev/null && echo ping-ok")
            .withNetworkNone(true);

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines()).containsExactly("lo", "ping-ok");
  }

  @Test
  void run_networkHost_seesTheHostsInterfaces() throws Exception {
    long hostInterfaces = Files.readAllLines(Path.of("/proc/net/dev")).size() - 2;

    SandboxFixture.Result result = sh("tail -n +3 /proc/net/dev | wc -l");

    assertThat(result.lines()).containsExactly(Long.toString(hostInterfaces));
  }

  @Test
  void run_userByName_usesPasswdAndSupplementaryGroups() throws Exception {
    SandboxFixture.Result result = fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", "id -u; id -g; id -G; echo $HOME").withUser("app"));

    assertThat(result.lines()).containsExactly("1000", "1000", "1000 10 29", "/home/app");
  }

  @Test
  void run_userByUid_usesThePasswdEntry() throws Exception {
    SandboxFixture.Result result = fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", "id -un; id -g").withUser("1000"));

    assertThat(result.lines()).containsExactly("app", "1000");
  }

  @Test
  void run_userWithGroup_usesThatGroupOnly() throws Exception {
    SandboxFixture.Result result = fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", "id -u; id -G").withUser("app:daemon"));

    assertThat(result.lines()).containsExactly("1000", "1");
  }

  @Test
  void run_numericUserAndGroupNotInPasswd_usedAsGiven() throws Exception {
    SandboxFixture.Result result = fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", "id -u; id -G; echo $HOME").withUser("4242:4343"));

    assertThat(result.lines()).containsExactly("4242", "4343", "/");
  }

  @Test
  void run_unknownUserName_throwsNamingTheUser() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "true").withUser("nosuchuser");

    assertThatThrownBy(() -> fixture.run(spec)).isInstanceOf(SandboxException.class).hasMessageContaining("nosuchuser");
    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
  }

  @Test
  void run_nonRootUser_hasNoCapabilities() throws Exception {
    SandboxFixture.Result asUser = fixture.run(fixture.spec(List.of(rootfs), "sh", "-c", "grep CapEff /proc/self/status").withUser("app"));
    SandboxFixture.Result asRoot = sh("grep -E 'CapEff|CapBnd' /proc/self/status");

    assertThat(asUser.lines()).containsExactly("CapEff:\t0000000000000000");
    // docker's default set without CAP_MKNOD
    assertThat(asRoot.lines()).containsExactly("CapEff:\t00000000a00425fb", "CapBnd:\t00000000a00425fb");
  }

  @Test
  void run_exitCode_propagated() throws Exception {
    assertThat(sh("exit 42").exitCode()).isEqualTo(42);
    assertThat(sh("kill -KILL $$").exitCode()).isEqualTo(128 + 9);
  }

  @Test
  void run_missingCommand_exits127WithAMessage() throws Exception {
    SandboxFixture.Result result = fixture.run(fixture.spec(List.of(rootfs), "no-such-command", "arg"));

    assertThat(result.exitCode()).isEqualTo(127);
    assertThat(result.output()).contains("no-such-command").contains("No such file or directory");
  }

  @Test
  void run_orphanedChildExits_initReapsIt() throws Exception {
    SandboxFixture.Result result =
        sh("(sleep 0.2 &); sleep 1; grep -l '^State:.*Z' /proc/[0-9]*/status | wc -l; ls /proc | grep -c '^[0-9]'");

    // left: no zombie; 1 init, 2 sh, and grep plus ls for the pipeline
    assertThat(result.lines().get(0)).isEqualTo("0");
  }

  @Test
  void run_commandLeavesADaemon_daemonKilledWhenCommandExits() throws Exception {
    String marker = "marker-" + UUID.randomUUID();

    SandboxFixture.Result result = sh("sh -c 'sleep 1000; : " + marker + "' & echo started");

    assertThat(result.lines()).containsExactly("started");
    assertThat(HostState.processesWith(marker)).isEmpty();
  }

  @Test
  void run_sigtermToInit_forwardedToTheCommand() throws Exception {
    SandboxFixture.Result result = sh("trap 'echo got TERM; exit 3' TERM; kill -TERM 1; sleep 5 & wait");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.lines()).containsExactly("got TERM");
  }

  @Test
  void run_workingDirMissing_createdOwnedByRoot() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "pwd").withWorkingDir("/srv/app").withUser("app");

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines()).containsExactly("/srv/app");
    Map<String, Object> attributes = Files.readAttributes(spec.upperDir().resolve("srv/app"), "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    assertThat((Integer) attributes.get("mode") & 07777).isEqualTo(0755);
    assertThat(attributes.get("uid")).isEqualTo(0);
  }

  @Test
  void run_environment_passedWithPathAndHomeDefaults() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "echo $GREETING; echo $PATH; echo $HOME; env | wc -l").withEnv(List.of("GREETING=hi there"));

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines().subList(0, 3))
        .containsExactly("hi there", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "/root");
  }

  @Test
  void run_devices_minimalDevWorks() throws Exception {
    SandboxFixture.Result result =
        sh("echo x > /dev/null && head -c 5 /dev/zero | wc -c && head -c 3 /dev/urandom | wc -c && echo $(ls /dev) && test -c /dev/pts/ptmx && touch /dev/shm/x && echo ok");

    assertThat(result.lines())
        .containsExactly("5", "3", "fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero", "ok");
  }

  @Test
  void run_sys_isReadOnly() throws Exception {
    SandboxFixture.Result result = sh("{ touch /sys/x || echo refused; echo 1 > /proc/sys/kernel/hostname || echo refused; } 2>/dev/null");

    assertThat(result.lines()).containsExactly("refused", "refused");
  }

  @Test
  void run_providedFiles_neverReachTheUpperDir() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "echo changed >> /etc/hosts; echo changed > /etc/resolv.conf; cat /etc/resolv.conf");

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines()).containsExactly("changed");
    try (var upper = Files.list(spec.upperDir())) {
      assertThat(upper).isEmpty();
    }
  }

  @Test
  void run_resolvConf_isTheHosts() throws Exception {
    SandboxFixture.Result result = sh("cat /etc/resolv.conf");

    assertThat(result.lines()).containsExactlyElementsOf(Files.readAllLines(Path.of("/etc/resolv.conf")));
  }

  @Test
  void run_writes_goToTheUpperDirOnly() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "echo data > /created; rm /etc/group");

    assertThat(fixture.run(spec).exitCode()).isZero();

    assertThat(spec.upperDir().resolve("created")).hasContent("data");
    assertThat(rootfs.resolve("etc/group")).exists();
    assertThat(Files.readAttributes(spec.upperDir().resolve("etc/group"), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS))
        .containsEntry("rdev", 0L);
  }

  @Test
  void run_manyLowerDirs_allVisibleInOrder() throws Exception {
    List<Path> layers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Path layer = Files.createDirectories(temp.resolve("layers-with-a-deliberately-long-directory-name-to-fill-the-page/layer-" + i));
      Files.createDirectories(layer.resolve("layers"));
      Files.writeString(layer.resolve("layers/" + i), "x");
      Files.writeString(layer.resolve("top"), Integer.toString(i));
      layers.add(layer);
    }
    layers.add(rootfs);

    SandboxFixture.Result result = fixture.run(fixture.spec(layers, "sh", "-c", "ls /layers | wc -l; cat /top"));

    assertThat(result.lines()).containsExactly("200", "0");
  }

  @Test
  void run_scratchRootWithUpperContent_runs() throws Exception {
    RunSpec spec = fixture.spec(List.of(), "/busybox", "echo", "from scratch");
    Files.copy(BusyboxRootfs.BUSYBOX, spec.upperDir().resolve("busybox"));

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines()).containsExactly("from scratch");
  }

  @Test
  void run_successFailureAndSetupError_leaveNoMountInTheHost() throws Exception {
    assertThat(sh("echo ok").exitCode()).isZero();
    assertThat(sh("exit 1").exitCode()).isEqualTo(1);
    assertThatThrownBy(() -> fixture.run(fixture.spec(List.of(temp.resolve("missing-layer")), "true")))
        .isInstanceOf(SandboxException.class);

    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
    assertThat(HostState.mountsMentioning("lowerdir=i:")).isEmpty();
    try (var runs = Files.list(temp.resolve("state/runs"))) {
      assertThat(runs).isEmpty();
    }
  }

  @Test
  void run_callerInterrupted_killsTheStepPromptlyAndLeavesNothing() throws Exception {
    String marker = "marker-" + UUID.randomUUID();
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "sh -c 'sleep 1000; : " + marker + "' & echo started; wait");
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                fixture.sandbox().run(spec, line -> started.countDown());
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    caller.start();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(HostState.processesWith(marker)).isNotEmpty();

    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(10_000);
    Duration took = Duration.ofNanos(System.nanoTime() - interruptedAt);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(HostState.processesWith(marker)).isEmpty();
    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
  }

  @Test
  void run_concurrentSteps_isolatedFromEachOther() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<String> outputs = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "echo /proc/[0-9]*");
      threads.add(
          new Thread(
              () -> {
                try {
                  outputs.add(fixture.run(spec).output());
                } catch (Exception e) {
                  outputs.add(e.toString());
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(60_000);
    }

    assertThat(outputs).hasSize(4).containsOnly("/proc/1 /proc/2");
  }

  @Test
  void run_mounts_bindAndTmpfsAreThereForTheCommandOnlyAndLeaveNoStubInTheLayer() throws Exception {
    Path cache = Files.createDirectory(temp.resolve("cache"));
    Files.writeString(cache.resolve("before"), "kept\n");
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c",
        "cat /var/cache/app/before; echo added > /var/cache/app/after; touch /scratch/x; ls /scratch;"
            + " grep -c ' /scratch tmpfs' /proc/mounts; echo layer > /kept")
        .withMounts(List.of(SandboxMount.bind(cache, "/var/cache/app", false), SandboxMount.tmpfs("/scratch", 1 << 20)));

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.lines()).containsExactly("kept", "x", "1");
    assertThat(cache.resolve("after")).hasContent("added");
    // The command's own file is in the layer; the directories made to mount on are not.
    assertThat(spec.upperDir().resolve("kept")).exists();
    assertThat(spec.upperDir().resolve("scratch")).doesNotExist();
    assertThat(spec.upperDir().resolve("var/cache/app")).doesNotExist();
  }

  @Test
  void run_readOnlyBind_refusesWrites() throws Exception {
    Path cache = Files.createDirectory(temp.resolve("ro"));
    RunSpec spec = fixture.spec(List.of(rootfs), "sh", "-c", "touch /ro/x 2>/dev/null || echo refused")
        .withMounts(List.of(SandboxMount.bind(cache, "/ro", true)));

    SandboxFixture.Result result = fixture.run(spec);

    assertThat(result.lines()).containsExactly("refused");
    assertThat(cache.resolve("x")).doesNotExist();
  }

  @Test
  void run_mountThroughASymlink_isRefusedNamingIt() throws Exception {
    RunSpec spec = fixture.spec(List.of(rootfs), "true").withMounts(List.of(SandboxMount.tmpfs("/linked/dir", 0)));
    Files.createSymbolicLink(spec.upperDir().resolve("linked"), Path.of("/tmp"));

    assertThatThrownBy(() -> fixture.run(spec)).isInstanceOf(SandboxException.class)
        .hasMessageContaining("cannot mount on /linked/dir: /linked is a symlink");
  }
}
