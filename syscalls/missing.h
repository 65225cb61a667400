/*
 * Why each Linux x86-64 syscall without a syscalls/NAME.c is missing, one
 * X(name, kind, why) per syscall. kind: LATER, not done yet; VM, meaningless in
 * this VM (the host or uhyve-run does it, or there is nothing for it to act
 * on); GONE, Linux itself answers ENOSYS (removed, or never implemented).
 * scripts/syscall-docs.sh writes docs/syscalls.md's list from this and fails
 * when a missing syscall has no line here or a line names an implemented one;
 * the kernel names the kind when it logs the call. The why text holds no '"'.
 */
#ifndef SYSCALLS_MISSING_H
#define SYSCALLS_MISSING_H

/* What each kind says, in the docs and the kernel's log line. */
#define SYSCALL_MISSING_LATER "not yet"
#define SYSCALL_MISSING_VM "meaningless in a VM"
#define SYSCALL_MISSING_GONE "gone from Linux too"

#define SYSCALLS_MISSING(X) \
	X(lchown, LATER, "ownership of a symlink itself is not passed to the host") \
	X(ptrace, LATER, "no debugger or tracer runs inside the VM yet") \
	X(syslog, VM, "no kernel log to read: the kernel's lines go to uhyve-run's stderr") \
	X(capget, LATER, "capabilities are not modelled") \
	X(capset, LATER, "capabilities are not modelled") \
	X(utime, LATER, "libcs call utimensat, which is implemented") \
	X(uselib, GONE, "a.out libraries: Linux builds it only with CONFIG_USELIB") \
	X(personality, LATER, "only the Linux personality exists") \
	X(ustat, LATER, "deprecated: statfs answers") \
	X(sysfs, LATER, "obsolete: /proc/filesystems answers on Linux") \
	X(sched_setparam, LATER, "the scheduler has no priorities or policies") \
	X(sched_getparam, LATER, "the scheduler has no priorities or policies") \
	X(sched_setscheduler, LATER, "the scheduler has no priorities or policies") \
	X(sched_getscheduler, LATER, "the scheduler has no priorities or policies") \
	X(sched_get_priority_max, LATER, "the scheduler has no priorities or policies") \
	X(sched_get_priority_min, LATER, "the scheduler has no priorities or policies") \
	X(sched_rr_get_interval, LATER, "the scheduler has no priorities or policies") \
	X(mlock, LATER, "guest memory is never paged out: only the arguments need checking") \
	X(munlock, LATER, "guest memory is never paged out: only the arguments need checking") \
	X(mlockall, LATER, "guest memory is never paged out: only the arguments need checking") \
	X(munlockall, LATER, "guest memory is never paged out") \
	X(vhangup, LATER, "hanging up the caller's terminal: needs CAP_SYS_TTY_CONFIG, which programs rarely have") \
	X(modify_ldt, VM, "the program runs on the kernel's GDT in 64-bit mode: no LDT") \
	X(pivot_root, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(_sysctl, GONE, "removed in Linux 5.5") \
	X(adjtimex, LATER, "reading the clock's state could be answered; steering it is the host's") \
	X(chroot, LATER, "a process has no root of its own yet (--root sets the VM's)") \
	X(sync, LATER, "host files are written through when write() returns, so nothing waits") \
	X(acct, VM, "no process accounting file: accounting is the host's") \
	X(settimeofday, VM, "the clock is the host's: the guest reads it, never sets it") \
	X(mount, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(umount2, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(swapon, VM, "no swap: guest memory is host memory, paged by the host") \
	X(swapoff, VM, "no swap: guest memory is host memory, paged by the host") \
	X(reboot, VM, "the VM ends when its program does") \
	X(sethostname, LATER, "the host name is the host's, read-only for now") \
	X(setdomainname, LATER, "the domain name is the host's, read-only for now") \
	X(iopl, VM, "the program runs in ring 0 already; ports are the monitor's") \
	X(ioperm, VM, "the program runs in ring 0 already; ports are the monitor's") \
	X(create_module, GONE, "removed in Linux 2.6") \
	X(init_module, VM, "no loadable kernel modules") \
	X(delete_module, VM, "no loadable kernel modules") \
	X(get_kernel_syms, GONE, "removed in Linux 2.6") \
	X(query_module, GONE, "removed in Linux 2.6") \
	X(quotactl, VM, "disk quotas are the host's") \
	X(nfsservctl, GONE, "removed in Linux 3.1") \
	X(getpmsg, GONE, "never implemented (STREAMS)") \
	X(putpmsg, GONE, "never implemented (STREAMS)") \
	X(afs_syscall, GONE, "never implemented") \
	X(tuxcall, GONE, "never implemented") \
	X(security, GONE, "never implemented") \
	X(readahead, LATER, "the kernel reads ahead by itself; only the arguments need checking") \
	X(set_thread_area, VM, "32-bit TLS segments: 64-bit programs use arch_prctl") \
	X(io_setup, LATER, "Linux AIO") \
	X(io_destroy, LATER, "Linux AIO") \
	X(io_getevents, LATER, "Linux AIO") \
	X(io_submit, LATER, "Linux AIO") \
	X(io_cancel, LATER, "Linux AIO") \
	X(get_thread_area, VM, "32-bit TLS segments: 64-bit programs use arch_prctl") \
	X(lookup_dcookie, GONE, "removed in Linux 6.8") \
	X(epoll_ctl_old, GONE, "never implemented") \
	X(epoll_wait_old, GONE, "never implemented") \
	X(remap_file_pages, LATER, "deprecated: Linux emulates it with mmap") \
	X(restart_syscall, LATER, "an interrupted syscall restarts itself here, so nothing needs it") \
	X(clock_settime, VM, "the clock is the host's: the guest reads it, never sets it") \
	X(utimes, LATER, "libcs call utimensat, which is implemented") \
	X(vserver, GONE, "never implemented") \
	X(mbind, VM, "one memory node: no NUMA policy to set") \
	X(set_mempolicy, VM, "one memory node: no NUMA policy to set") \
	X(get_mempolicy, VM, "one memory node: no NUMA policy to read") \
	X(mq_open, LATER, "POSIX message queues") \
	X(mq_unlink, LATER, "POSIX message queues") \
	X(mq_timedsend, LATER, "POSIX message queues") \
	X(mq_timedreceive, LATER, "POSIX message queues") \
	X(mq_notify, LATER, "POSIX message queues") \
	X(mq_getsetattr, LATER, "POSIX message queues") \
	X(kexec_load, VM, "the VM boots the kernel uhyve-run gives it") \
	X(add_key, LATER, "kernel key rings") \
	X(request_key, LATER, "kernel key rings") \
	X(keyctl, LATER, "kernel key rings") \
	X(ioprio_set, VM, "I/O is the host's to schedule") \
	X(ioprio_get, VM, "I/O is the host's to schedule") \
	X(inotify_init, LATER, "file change notification") \
	X(inotify_add_watch, LATER, "file change notification") \
	X(inotify_rm_watch, LATER, "file change notification") \
	X(migrate_pages, VM, "one memory node: nowhere to migrate to") \
	X(fchownat, LATER, "chown and fchown are implemented; the *at form not yet") \
	X(unshare, VM, "the VM is the program's namespace: none nest inside it") \
	X(tee, LATER, "pipe to pipe copying") \
	X(sync_file_range, LATER, "host files are written through when write() returns, so nothing waits") \
	X(vmsplice, LATER, "pipe to and from memory") \
	X(move_pages, VM, "one memory node: nowhere to move to") \
	X(inotify_init1, LATER, "file change notification") \
	X(perf_event_open, VM, "the host's performance counters are not given to the guest") \
	X(fanotify_init, LATER, "file change notification") \
	X(fanotify_mark, LATER, "file change notification") \
	X(name_to_handle_at, LATER, "file handles") \
	X(open_by_handle_at, LATER, "file handles") \
	X(clock_adjtime, LATER, "reading the clock's state could be answered; steering it is the host's") \
	X(syncfs, LATER, "host files are written through when write() returns, so nothing waits") \
	X(setns, VM, "the VM is the program's namespace: none nest inside it") \
	X(process_vm_readv, LATER, "copying between processes' memory") \
	X(process_vm_writev, LATER, "copying between processes' memory") \
	X(kcmp, LATER, "comparing processes' resources") \
	X(finit_module, VM, "no loadable kernel modules") \
	X(sched_setattr, LATER, "the scheduler has no priorities or policies") \
	X(sched_getattr, LATER, "the scheduler has no priorities or policies") \
	X(seccomp, LATER, "no syscall filters inside the VM; the monitor confines the VM itself") \
	X(memfd_create, LATER, "anonymous files: the in-memory file system could hold them") \
	X(kexec_file_load, VM, "the VM boots the kernel uhyve-run gives it") \
	X(bpf, VM, "no in-kernel BPF") \
	X(userfaultfd, LATER, "page faults handled by the program") \
	X(membarrier, LATER, "barriers across the vCPUs running the program's threads") \
	X(mlock2, LATER, "guest memory is never paged out: only the arguments need checking") \
	X(preadv2, LATER, "the flags argument of preadv") \
	X(pwritev2, LATER, "the flags argument of pwritev") \
	X(pkey_mprotect, LATER, "memory protection keys") \
	X(pkey_alloc, LATER, "memory protection keys") \
	X(pkey_free, LATER, "memory protection keys") \
	X(io_pgetevents, LATER, "Linux AIO") \
	X(pidfd_send_signal, LATER, "pidfds") \
	X(io_uring_setup, LATER, "io_uring") \
	X(io_uring_enter, LATER, "io_uring") \
	X(io_uring_register, LATER, "io_uring") \
	X(open_tree, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(move_mount, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(fsopen, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(fsconfig, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(fsmount, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(fspick, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(pidfd_open, LATER, "pidfds") \
	X(openat2, LATER, "open's resolve flags") \
	X(pidfd_getfd, LATER, "pidfds") \
	X(process_madvise, LATER, "advice on another process's memory") \
	X(mount_setattr, VM, "the file systems are fixed by uhyve-run's options before boot") \
	X(quotactl_fd, VM, "disk quotas are the host's") \
	X(landlock_create_ruleset, LATER, "Landlock sandboxing") \
	X(landlock_add_rule, LATER, "Landlock sandboxing") \
	X(landlock_restrict_self, LATER, "Landlock sandboxing") \
	X(memfd_secret, VM, "memory hidden from the kernel: here the kernel shares the program's address space") \
	X(process_mrelease, LATER, "pidfds") \
	X(futex_waitv, LATER, "waiting on several futexes") \
	X(set_mempolicy_home_node, VM, "one memory node: no NUMA policy to set")

#endif
