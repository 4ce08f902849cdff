package dev.jbuild.executor.sandbox;

import java.util.List;

/**
 * A USER value resolved against the root file system's /etc/passwd and /etc/group.
 *
 * @param groups what setgroups(2) gets: the primary group first, then the user's other groups
 */
record ResolvedUser(int uid, int gid, List<Integer> groups, String home) {
  ResolvedUser {
    groups = List.copyOf(groups);
  }
}
