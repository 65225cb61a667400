/* timerfd: timers read as descriptors. */
#ifndef KERNEL_TIMERFD_H
#define KERNEL_TIMERFD_H

long timerfd_create(int clock, int flags);
long timerfd_settime(int fd, int flags, const void *unew, void *uold);
long timerfd_gettime(int fd, void *ucurr);

#endif
