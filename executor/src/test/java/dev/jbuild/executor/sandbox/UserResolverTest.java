package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserResolverTest {
  private static final Optional<String> PASSWD = Optional.of(BusyboxRootfs.PASSWD + "# comment\n\nbroken-line\n");
  private static final Optional<String> GROUP = Optional.of(BusyboxRootfs.GROUP);

  @Test
  void resolve_empty_isRootWithItsGroups() throws SandboxException {
    assertThat(UserResolver.resolve("", PASSWD, GROUP)).isEqualTo(new ResolvedUser(0, 0, List.of(0, 10), "/root"));
  }

  @Test
  void resolve_name_primaryGroupThenMemberships() throws SandboxException {
    assertThat(UserResolver.resolve("app", PASSWD, GROUP)).isEqualTo(new ResolvedUser(1000, 1000, List.of(1000, 10, 29), "/home/app"));
  }

  @Test
  void resolve_uidInPasswd_sameAsName() throws SandboxException {
    assertThat(UserResolver.resolve("1000", PASSWD, GROUP)).isEqualTo(UserResolver.resolve("app", PASSWD, GROUP));
  }

  @Test
  void resolve_nameAndGroupName_thatGroupOnly() throws SandboxException {
    assertThat(UserResolver.resolve("app:audio", PASSWD, GROUP)).isEqualTo(new ResolvedUser(1000, 29, List.of(29), "/home/app"));
  }

  @Test
  void resolve_numbersNotInFiles_usedAsGiven() throws SandboxException {
    assertThat(UserResolver.resolve("4242:4343", PASSWD, GROUP)).isEqualTo(new ResolvedUser(4242, 4343, List.of(4343), "/"));
    assertThat(UserResolver.resolve("4242", PASSWD, GROUP)).isEqualTo(new ResolvedUser(4242, 0, List.of(0), "/"));
  }

  @Test
  void resolve_noPasswdFile_numbersAndRootStillWork() throws SandboxException {
    assertThat(UserResolver.resolve("", Optional.empty(), Optional.empty())).isEqualTo(new ResolvedUser(0, 0, List.of(0), "/"));
    assertThat(UserResolver.resolve("7:8", Optional.empty(), Optional.empty())).isEqualTo(new ResolvedUser(7, 8, List.of(8), "/"));
  }

  @Test
  void resolve_unknownName_throwsNamingIt() {
    assertThatThrownBy(() -> UserResolver.resolve("ghost", PASSWD, GROUP))
        .isInstanceOf(SandboxException.class)
        .hasMessage("resolving USER ghost: no user ghost in /etc/passwd");
  }

  @Test
  void resolve_unknownGroupName_throwsNamingIt() {
    assertThatThrownBy(() -> UserResolver.resolve("app:ghosts", PASSWD, GROUP))
        .isInstanceOf(SandboxException.class)
        .hasMessage("resolving USER app:ghosts: no group ghosts in /etc/group");
  }

  @Test
  void resolve_idOutOfRange_throws() {
    assertThatThrownBy(() -> UserResolver.resolve("9999999999", PASSWD, GROUP)).isInstanceOf(SandboxException.class);
  }
}
