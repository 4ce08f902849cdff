package dev.jbuild.executor.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves USER the way runc (and so docker) does: {@code name} or {@code uid}, optionally with
 * {@code :group} or {@code :gid}. A name must exist in /etc/passwd (a group name in /etc/group); a
 * number need not, and then means gid 0 and home "/". The groups set for the process are the
 * primary group followed, when no group was given explicitly, by the groups listing the user by
 * name (as initgroups(3) and docker do). An empty USER is uid 0.
 */
final class UserResolver {
  private static final long MAX_ID = Integer.MAX_VALUE - 1L;

  private UserResolver() {}

  /**
   * @param passwd the content of /etc/passwd, empty when the root file system has none
   * @param group the content of /etc/group, empty when the root file system has none
   */
  static ResolvedUser resolve(String user, Optional<String> passwd, Optional<String> group) throws SandboxException {
    int colon = user.indexOf(':');
    String userPart = colon < 0 ? user : user.substring(0, colon);
    String groupPart = colon < 0 ? null : user.substring(colon + 1);
    Long numericUser = number(userPart);

    String[] entry = null;
    for (String[] fields : entries(passwd)) {
      if (fields.length < 3) {
        continue;
      }
      Long uid = number(fields[2]);
      boolean matches =
          userPart.isEmpty() ? uid != null && uid == 0 : fields[0].equals(userPart) || (numericUser != null && numericUser.equals(uid));
      if (matches) {
        entry = fields;
        break;
      }
    }
    int uid;
    int gid = 0;
    String name = null;
    String home = "/";
    if (entry != null) {
      uid = id(number(entry[2]), "uid", user);
      if (entry.length > 3 && number(entry[3]) != null) {
        gid = id(number(entry[3]), "gid", user);
      }
      name = entry[0];
      if (entry.length > 5 && !entry[5].isEmpty()) {
        home = entry[5];
      }
    } else if (userPart.isEmpty()) {
      uid = 0;
    } else if (numericUser != null) {
      uid = id(numericUser, "uid", user);
    } else {
      throw new SandboxException("resolving USER " + user + ": no user " + userPart + " in /etc/passwd");
    }

    Set<Integer> groups = new LinkedHashSet<>();
    if (groupPart != null) {
      Long numericGroup = number(groupPart);
      Integer found = null;
      for (String[] fields : entries(group)) {
        if (fields.length < 3 || number(fields[2]) == null) {
          continue;
        }
        if (fields[0].equals(groupPart) || (numericGroup != null && numericGroup.equals(number(fields[2])))) {
          found = id(number(fields[2]), "gid", user);
          break;
        }
      }
      if (found != null) {
        gid = found;
      } else if (numericGroup != null) {
        gid = id(numericGroup, "gid", user);
      } else {
        throw new SandboxException("resolving USER " + user + ": no group " + groupPart + " in /etc/group");
      }
      groups.add(gid);
    } else {
      groups.add(gid);
      for (String[] fields : entries(group)) {
        if (fields.length < 4 || number(fields[2]) == null) {
          continue;
        }
        for (String member : fields[3].split(",")) {
          if (name != null && member.trim().equals(name)) {
            groups.add(id(number(fields[2]), "gid", user));
          }
        }
      }
    }
    return new ResolvedUser(uid, gid, List.copyOf(groups), home);
  }

  private static List<String[]> entries(Optional<String> file) {
    List<String[]> entries = new ArrayList<>();
    if (file.isEmpty()) {
      return entries;
    }
    for (String line : file.get().split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      entries.add(trimmed.split(":", -1));
    }
    return entries;
  }

  private static Long number(String text) {
    if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(text);
  }

  private static int id(Long value, String what, String user) throws SandboxException {
    if (value == null || value < 0 || value > MAX_ID) {
      throw new SandboxException("resolving USER " + user + ": " + what + " out of range");
    }
    return value.intValue();
  }
}
