package dev.jbuild.core.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code RUN --mount} values as BuildKit reads them. */
class RunMountTest {
  @Test
  void cache_defaults_idIsTheTargetSharedRootOwned0755() {
    RunMount mount = RunMount.parse("type=cache,target=/root/.gradle", "/");

    assertThat(mount).isEqualTo(new RunMount(RunMount.Type.CACHE, "/root/.gradle", "", null, "/root/.gradle",
        RunMount.Sharing.SHARED, false, 0, 0, 0755, 0, false));
  }

  @Test
  void cache_everyOption() {
    RunMount mount = RunMount.parse("type=cache,id=m2,dst=/home/app/.m2/,sharing=private,uid=1000,gid=1001,mode=0700,ro", "/");

    assertThat(mount).isEqualTo(new RunMount(RunMount.Type.CACHE, "/home/app/.m2", "", null, "m2", RunMount.Sharing.PRIVATE, true,
        1000, 1001, 0700, 0, false));
    assertThat(RunMount.parse("type=cache,destination=/c,readonly=false", "/").readOnly()).isFalse();
    assertThat(RunMount.parse("type=cache,target=/c,ro,rw", "/").readOnly()).isFalse();
  }

  @Test
  void target_relativeToWorkdirAndNormalised() {
    assertThat(RunMount.parse("type=tmpfs,target=out/../tmp/./x", "/app").target()).isEqualTo("/app/tmp/x");
    assertThat(RunMount.parse("type=tmpfs,target=/a//b/", "/app").target()).isEqualTo("/a/b");
  }

  @Test
  void tmpfs_sizeInBytesOrWithAUnit() {
    assertThat(RunMount.parse("type=tmpfs,target=/t,size=4096", "/").sizeBytes()).isEqualTo(4096);
    assertThat(RunMount.parse("type=tmpfs,target=/t,size=64m", "/").sizeBytes()).isEqualTo(64L << 20);
    assertThat(RunMount.parse("type=tmpfs,target=/t,size=1G", "/").sizeBytes()).isEqualTo(1L << 30);
  }

  @Test
  void badValues_areRefusedSayingWhy() {
    assertThatThrownBy(() -> RunMount.parse("type=cache", "/")).hasMessageContaining("--mount needs target=");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/", "/")).hasMessage("--mount cannot be mounted on /");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/c,sharing=sometimes", "/"))
        .hasMessage("unsupported sharing value sometimes (shared, private, locked)");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/c,mode=9", "/")).hasMessage("--mount mode=9 is not a valid number");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/c,colour=red", "/"))
        .hasMessage("unexpected key 'colour' in 'type=cache,target=/c,colour=red'");
    assertThatThrownBy(() -> RunMount.parse("type=volume,target=/c", "/")).hasMessage("unsupported mount type volume");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/c,from=builder", "/"))
        .hasMessageContaining("--mount from= is for bind mounts in jbuild");
    assertThatThrownBy(() -> RunMount.parse("type=cache,target=/c,source=x", "/"))
        .hasMessageContaining("--mount source= is for bind mounts");
    assertThatThrownBy(() -> RunMount.parse("type=secret", "/")).hasMessageContaining("a secret --mount needs id= or target=");
  }

  @Test
  void bind_isTheDefaultType_readOnlyFromTheContextRoot() {
    RunMount mount = RunMount.parse("target=/src", "/");

    assertThat(mount).isEqualTo(new RunMount(RunMount.Type.BIND, "/src", ".", null, "/src", RunMount.Sharing.SHARED, true,
        0, 0, 0755, 0, false));
  }

  @Test
  void bind_sourceIsAContextPath_rwMakesItWritable() {
    RunMount mount = RunMount.parse("type=bind,source=./app/../pom.xml,target=pom.xml,rw", "/build");

    assertThat(mount.source()).isEqualTo("pom.xml");
    assertThat(mount.target()).isEqualTo("/build/pom.xml");
    assertThat(mount.readOnly()).isFalse();
    assertThat(RunMount.parse("type=bind,src=/,target=/c", "/").source()).isEqualTo(".");
    RunMount fromStage = RunMount.parse("type=bind,from=builder,source=/out/app.jar,target=/app.jar", "/");
    assertThat(fromStage.from()).isEqualTo("builder");
    assertThat(fromStage.source()).isEqualTo("out/app.jar");
  }

  @Test
  void secret_defaultsToAReadOnly0400FileUnderRunSecrets() {
    assertThat(RunMount.parse("type=secret,id=npmrc", "/")).isEqualTo(new RunMount(RunMount.Type.SECRET,
        "/run/secrets/npmrc", "", null, "npmrc", RunMount.Sharing.SHARED, true, 0, 0, 0400, 0, false));
    RunMount named = RunMount.parse("type=secret,target=/root/.npmrc,required,uid=1000,mode=0440", "/");
    assertThat(named.id()).isEqualTo(".npmrc");
    assertThat(named.required()).isTrue();
    assertThat(named.mode()).isEqualTo(0440);
    assertThat(named.uid()).isEqualTo(1000);
  }
}
