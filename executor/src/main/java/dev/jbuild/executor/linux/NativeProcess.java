package dev.jbuild.executor.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A child process started with posix_spawn(3) from the calling thread, with a pipe as standard
 * input (a lifeline: the child sees end-of-file when this process dies or {@link #close()} runs)
 * and one pipe for standard output and error together.
 *
 * <p>The JDK's {@code ProcessBuilder} cannot be used from a thread that unshared its PID
 * namespace: it starts a "process reaper" thread from the calling thread, and the kernel refuses to
 * create threads whose PID namespace for children differs from their own (EINVAL). Threads it
 * starts would also inherit the caller's mount and network namespaces. This class starts no thread.
 *
 * <p>The child inherits the spawning thread's namespaces and every file descriptor of the JVM not
 * marked close-on-exec; the program started must close descriptors above 2 itself. Thread-safe:
 * {@link #kill()} may be called from any thread, and never signals a process that has been reaped
 * (no pid reuse race).
 */
public final class NativeProcess implements AutoCloseable {
  private static final int O_CLOEXEC = 02000000;
  private static final int P_PID = 1;
  private static final int WEXITED = 4;
  private static final int WNOWAIT = 0x01000000;
  private static final int POLLIN = 0x001;
  private static final int SIGKILL = 9;
  private static final int FILE_ACTIONS_SIZE = 256; // glibc's posix_spawn_file_actions_t is 80 bytes

  private final int pid;
  private final int outputFd;
  private final Object lock = new Object();
  private int lifelineFd;
  private boolean exited;
  private boolean closed;

  private NativeProcess(int pid, int outputFd, int lifelineFd) {
    this.pid = pid;
    this.outputFd = outputFd;
    this.lifelineFd = lifelineFd;
  }

  /** Starts {@code executable} with {@code arguments} (argv[0] included) and exactly {@code environment}. */
  public static NativeProcess spawn(Path executable, List<String> arguments, List<String> environment) throws LinuxException {
    LibC libc = Linux.libc();
    int[] input = pipe();
    int[] output;
    try {
      output = pipe();
    } catch (LinuxException e) {
      libc.close(input[0]);
      libc.close(input[1]);
      throw e;
    }
    List<Pointer> keepAlive = new ArrayList<>();
    Pointer actions = Memory.allocateDirect(Linux.runtime(), FILE_ACTIONS_SIZE);
    libc.posix_spawn_file_actions_init(actions);
    try {
      check(libc.posix_spawn_file_actions_adddup2(actions, input[0], 0), "posix_spawn_file_actions_adddup2");
      check(libc.posix_spawn_file_actions_adddup2(actions, output[1], 1), "posix_spawn_file_actions_adddup2");
      check(libc.posix_spawn_file_actions_adddup2(actions, output[1], 2), "posix_spawn_file_actions_adddup2");
      int[] pid = new int[1];
      int error =
          libc.posix_spawn(
              pid, Linux.bytes(executable), actions, null, stringArray(arguments, keepAlive), stringArray(environment, keepAlive));
      if (error != 0) {
        throw new LinuxException("posix_spawn", error, executable + ": " + libc.strerror(error) + " (errno " + error + ")");
      }
      libc.close(input[0]);
      libc.close(output[1]);
      return new NativeProcess(pid[0], output[0], input[1]);
    } catch (LinuxException e) {
      for (int fd : new int[] {input[0], input[1], output[0], output[1]}) {
        libc.close(fd);
      }
      throw e;
    } finally {
      libc.posix_spawn_file_actions_destroy(actions);
      keepAlive.clear();
    }
  }

  /** The child's process id in the JVM's PID namespace. */
  public int pid() {
    return pid;
  }

  /**
   * Reads output into {@code buffer}, waiting at most {@code timeoutMillis} for some to arrive.
   *
   * @return the number of bytes read, 0 when none arrived in time, -1 at end of output (every
   *     process holding the pipe is gone)
   */
  public int readOutput(byte[] buffer, int timeoutMillis) throws LinuxException {
    LibC libc = Linux.libc();
    int[] pollFd = {outputFd, POLLIN};
    int ready = libc.poll(pollFd, 1, timeoutMillis);
    if (ready < 0) {
      if (Linux.errno() == Linux.EINTR) {
        return 0;
      }
      throw Linux.failure("poll", "output of process " + pid);
    }
    if (ready == 0) {
      return 0;
    }
    while (true) {
      long read = libc.read(outputFd, buffer, buffer.length);
      if (read > 0) {
        return (int) read;
      }
      if (read == 0) {
        return -1;
      }
      if (Linux.errno() != Linux.EINTR) {
        throw Linux.failure("read", "output of process " + pid);
      }
    }
  }

  /**
   * Waits for the child to exit and reaps it.
   *
   * @return its exit status, or 128 + the signal number when a signal ended it (as shells report it)
   */
  public int waitFor() throws LinuxException {
    LibC libc = Linux.libc();
    byte[] info = new byte[128];
    // Wait without reaping first, so that kill() can be told the pid is about to be released.
    while (libc.waitid(P_PID, pid, info, WEXITED | WNOWAIT) != 0) {
      if (Linux.errno() != Linux.EINTR) {
        throw Linux.failure("waitid", "process " + pid);
      }
    }
    synchronized (lock) {
      exited = true;
    }
    int[] status = new int[1];
    while (libc.waitpid(pid, status, 0) != pid) {
      if (Linux.errno() != Linux.EINTR) {
        throw Linux.failure("waitpid", "process " + pid);
      }
    }
    int termination = status[0] & 0x7f;
    return termination == 0 ? (status[0] >> 8) & 0xff : 128 + termination;
  }

  /** Sends SIGKILL unless the child has already exited. */
  public void kill() {
    synchronized (lock) {
      if (!exited) {
        Linux.libc().kill(pid, SIGKILL);
      }
    }
  }

  /** Closes the lifeline and the output pipe; does not wait for the child. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      Linux.libc().close(lifelineFd);
      Linux.libc().close(outputFd);
      lifelineFd = -1;
    }
  }

  private static int[] pipe() throws LinuxException {
    int[] fds = new int[2];
    if (Linux.libc().pipe2(fds, O_CLOEXEC) != 0) {
      throw Linux.failure("pipe2", "");
    }
    return fds;
  }

  private static void check(int error, String call) throws LinuxException {
    if (error != 0) {
      throw new LinuxException(call, error, Linux.libc().strerror(error));
    }
  }

  /** A NULL-terminated char* array in native memory; {@code keepAlive} holds the strings until the call is done. */
  private static Pointer stringArray(List<String> strings, List<Pointer> keepAlive) {
    Pointer array = Memory.allocateDirect(Linux.runtime(), (strings.size() + 1) * 8L);
    for (int i = 0; i < strings.size(); i++) {
      byte[] bytes = Linux.bytes(strings.get(i));
      Pointer string = Memory.allocateDirect(Linux.runtime(), bytes.length);
      string.put(0, bytes, 0, bytes.length);
      keepAlive.add(string);
      array.putPointer(i * 8L, string);
    }
    array.putAddress(strings.size() * 8L, 0);
    keepAlive.add(array);
    return array;
  }
}
