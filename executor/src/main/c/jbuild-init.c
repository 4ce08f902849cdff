/*
 * jbuild-init: PID 1 of the PID namespace of one RUN step.
 *
 * The JVM thread that runs the step has already unshared the mount, UTS, IPC, PID (and maybe
 * network) namespaces, mounted the overlay root and its /dev, /sys and /etc files, and then
 * started this program, which is therefore PID 1 of the new PID namespace. It:
 *
 *   1. dies with the JVM thread that started it (PR_SET_PDEATHSIG), and with it the whole
 *      namespace, so that a kill -9 of jbuild leaves no process behind;
 *   2. moves into a mount namespace of its own and pivot_roots into the overlay, so the host's
 *      file systems are unreachable from the step (the JVM thread keeps its own view);
 *   3. mounts a fresh /proc (only a process inside the PID namespace can), hiding and
 *      write-protecting the same /proc paths docker does;
 *   4. creates the working directory when missing (owned by root, 0755, as docker does);
 *   5. forks the command with docker's default capability bounding set minus CAP_MKNOD
 *      (there is no device cgroup to contain device nodes), the requested groups, gid and uid,
 *      and /dev/null as stdin;
 *   6. forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH to the command,
 *      reaps every process that ends up as its child, and exits with the command's exit code
 *      (128 + signal number when the command was killed). When it exits, the kernel kills
 *      whatever else still runs in the namespace.
 *
 * Usage: jbuild-init --root DIR --cwd DIR --uid N --gid N --groups N,N,... -- COMMAND ARG...
 * The command's environment is this program's environment; PATH in it is used to find the
 * command. Standard input must be a pipe the JVM keeps open: end-of-file on it before the
 * command starts means jbuild is gone. Descriptors above 2 are closed first: posix_spawn from the
 * JVM passes on every descriptor not marked close-on-exec. Built with gcc -static so it runs in
 * any root file system.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_GROUPS 256

static const int forwarded_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

/* docker's default capability set, without CAP_MKNOD. */
static const int kept_capabilities[] = {
    CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FOWNER,           CAP_FSETID,  CAP_KILL,
    CAP_SETGID, CAP_SETUID,       CAP_SETPCAP,          CAP_NET_BIND_SERVICE,
    CAP_NET_RAW, CAP_SYS_CHROOT,  CAP_AUDIT_WRITE,      CAP_SETFCAP,
};

/* Paths docker hides (files: /dev/null over them; directories: an empty read-only tmpfs). */
static const char *masked_paths[] = {
    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
};

/* Paths docker makes read-only so that root in the step cannot reconfigure the host kernel. */
static const char *read_only_paths[] = {
    "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
};

static void die(const char *what, const char *detail) {
  fprintf(stderr, "jbuild-init: %s %s: %s\n", what, detail, strerror(errno));
  exit(125);
}

static unsigned long parse_id(const char *text, const char *option) {
  char *end;
  errno = 0;
  unsigned long value = strtoul(text, &end, 10);
  if (errno != 0 || *end != '\0' || end == text || value > 0xfffffffeUL) {
    fprintf(stderr, "jbuild-init: bad %s: %s\n", option, text);
    exit(125);
  }
  return value;
}

/* Creates every missing component of the absolute path as root:root 0755. */
static void make_directories(const char *path) {
  char partial[PATH_MAX];
  size_t length = strlen(path);
  if (length >= sizeof(partial)) {
    errno = ENAMETOOLONG;
    die("cannot create working directory", path);
  }
  memcpy(partial, path, length + 1);
  for (size_t i = 1; i <= length; i++) {
    if (partial[i] == '/' || partial[i] == '\0') {
      char saved = partial[i];
      partial[i] = '\0';
      if (mkdir(partial, 0755) == 0) {
        if (chown(partial, 0, 0) != 0 || chmod(partial, 0755) != 0) {
          die("cannot set up working directory", partial);
        }
      } else if (errno != EEXIST) {
        die("cannot create working directory", partial);
      }
      partial[i] = saved;
    }
  }
}

static void enter_root(const char *root) {
  /* A mount namespace of our own: pivot_root must not move the JVM thread's root. */
  if (unshare(CLONE_NEWNS) != 0) die("unshare", "CLONE_NEWNS");
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("make private", "/");
  if (chdir(root) != 0) die("chdir", root);
  if (syscall(SYS_pivot_root, ".", ".") != 0) die("pivot_root", root);
  if (umount2(".", MNT_DETACH) != 0) die("detach old root", root);
  if (chdir("/") != 0) die("chdir", "/");

  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) die("mount", "/proc");
  for (size_t i = 0; i < sizeof(masked_paths) / sizeof(masked_paths[0]); i++) {
    struct stat status;
    if (lstat(masked_paths[i], &status) != 0) continue;
    int result = S_ISDIR(status.st_mode)
        ? mount("tmpfs", masked_paths[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0")
        : mount("/dev/null", masked_paths[i], NULL, MS_BIND, NULL);
    if (result != 0) die("mask", masked_paths[i]);
  }
  for (size_t i = 0; i < sizeof(read_only_paths) / sizeof(read_only_paths[0]); i++) {
    if (access(read_only_paths[i], F_OK) != 0) continue;
    if (mount(read_only_paths[i], read_only_paths[i], NULL, MS_BIND | MS_REC, NULL) != 0
        || mount(NULL, read_only_paths[i], NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
      die("make read-only", read_only_paths[i]);
    }
  }
}

static void drop_capabilities(void) {
  for (int capability = 0; capability <= 63; capability++) {
    int kept = 0;
    for (size_t i = 0; i < sizeof(kept_capabilities) / sizeof(kept_capabilities[0]); i++) {
      if (kept_capabilities[i] == capability) kept = 1;
    }
    if (!kept && prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 && errno != EINVAL) {
      die("drop capability", "from bounding set");
    }
  }
  /* Also from the inheritable and ambient sets, so no exec can regain them. */
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  if (syscall(SYS_capget, &header, data) != 0) die("capget", "");
  unsigned long long keep = 0;
  for (size_t i = 0; i < sizeof(kept_capabilities) / sizeof(kept_capabilities[0]); i++) {
    keep |= 1ULL << kept_capabilities[i];
  }
  for (int i = 0; i < 2; i++) {
    unsigned int mask = (unsigned int) (keep >> (32 * i));
    data[i].effective &= mask;
    data[i].permitted &= mask;
    data[i].inheritable &= mask;
  }
  if (syscall(SYS_capset, &header, data) != 0) die("capset", "");
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

/* The JVM's descriptors that are not close-on-exec must not reach the step. */
static void close_inherited_descriptors(void) {
  if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
  DIR *directory = opendir("/proc/self/fd");
  if (directory == NULL) die("list", "/proc/self/fd");
  int own = dirfd(directory);
  int highest = -1;
  for (struct dirent *entry; (entry = readdir(directory)) != NULL;) {
    int fd = atoi(entry->d_name);
    if (fd > highest) highest = fd;
  }
  closedir(directory);
  for (int fd = 3; fd <= highest; fd++) {
    if (fd != own) close(fd);
  }
}

static void run_command(char **command, uid_t uid, gid_t gid, gid_t *groups, size_t group_count) {
  sigset_t none;
  sigemptyset(&none);
  /* Handlers do not survive exec, but ignored signals would: start the command clean. */
  for (int signal_number = 1; signal_number < NSIG; signal_number++) {
    signal(signal_number, SIG_DFL);
  }
  sigprocmask(SIG_SETMASK, &none, NULL);
  setsid();

  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0 || dup2(null, 0) != 0) die("open", "/dev/null as standard input");

  drop_capabilities();
  if (setgroups(group_count, groups) != 0) die("setgroups", "");
  if (setgid(gid) != 0) die("setgid", "");
  if (setuid(uid) != 0) die("setuid", "");

  execvp(command[0], command);
  int error = errno;
  fprintf(stderr, "jbuild-init: cannot run %s: %s\n", command[0], strerror(error));
  _exit(error == ENOENT ? 127 : 126);
}

int main(int argc, char **argv) {
  const char *root = NULL;
  const char *cwd = "/";
  uid_t uid = 0;
  gid_t gid = 0;
  gid_t groups[MAX_GROUPS];
  size_t group_count = 0;
  int command_index = -1;

  /* First of all: die with the JVM thread that started us. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl", "PR_SET_PDEATHSIG");
  close_inherited_descriptors();
  struct pollfd lifeline = {0, POLLIN, 0};
  if (poll(&lifeline, 1, 0) == 1 && (lifeline.revents & (POLLHUP | POLLERR))) {
    return 125; /* the JVM went away before PR_SET_PDEATHSIG took effect */
  }

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      command_index = i + 1;
      break;
    }
    if (i + 1 >= argc) break;
    if (strcmp(argv[i], "--root") == 0) {
      root = argv[++i];
    } else if (strcmp(argv[i], "--cwd") == 0) {
      cwd = argv[++i];
    } else if (strcmp(argv[i], "--uid") == 0) {
      uid = (uid_t) parse_id(argv[++i], "uid");
    } else if (strcmp(argv[i], "--gid") == 0) {
      gid = (gid_t) parse_id(argv[++i], "gid");
    } else if (strcmp(argv[i], "--groups") == 0) {
      char *list = argv[++i];
      for (char *item = strtok(list, ","); item != NULL; item = strtok(NULL, ",")) {
        if (group_count == MAX_GROUPS) {
          fprintf(stderr, "jbuild-init: more than %d groups\n", MAX_GROUPS);
          return 125;
        }
        groups[group_count++] = (gid_t) parse_id(item, "group");
      }
    } else {
      fprintf(stderr, "jbuild-init: unknown option %s\n", argv[i]);
      return 125;
    }
  }
  if (root == NULL || command_index < 0 || command_index >= argc || cwd[0] != '/') {
    fprintf(stderr, "usage: jbuild-init --root DIR [--cwd /DIR] [--uid N] [--gid N] [--groups N,...] -- COMMAND ARG...\n");
    return 125;
  }

  sigset_t handled;
  sigemptyset(&handled);
  sigaddset(&handled, SIGCHLD);
  for (size_t i = 0; i < sizeof(forwarded_signals) / sizeof(forwarded_signals[0]); i++) {
    sigaddset(&handled, forwarded_signals[i]);
  }
  /* Blocked signals are queued even for a namespace's PID 1; sigwaitinfo collects them. */
  sigprocmask(SIG_SETMASK, &handled, NULL);

  enter_root(root);
  make_directories(cwd);
  if (chdir(cwd) != 0) die("chdir", cwd);

  pid_t child = fork();
  if (child < 0) die("fork", argv[command_index]);
  if (child == 0) run_command(argv + command_index, uid, gid, groups, group_count);

  for (;;) {
    siginfo_t info;
    int signal_number = sigwaitinfo(&handled, &info);
    if (signal_number < 0) {
      if (errno == EINTR) continue;
      die("sigwaitinfo", "");
    }
    if (signal_number != SIGCHLD) {
      kill(child, signal_number);
      continue;
    }
    int status;
    pid_t ended;
    while ((ended = waitpid(-1, &status, WNOHANG)) > 0) {
      if (ended == child) {
        /* Leaving now makes the kernel kill what the command left running, as docker does. */
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        return 128 + WTERMSIG(status);
      }
    }
  }
}
