package dev.jbuild.executor.copy;

/** A numeric owner for copied files ({@code --chown} after name resolution). */
public record Ownership(int uid, int gid) {
  public static final Ownership ROOT = new Ownership(0, 0);

  public Ownership {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("negative owner " + uid + ":" + gid);
    }
  }
}
