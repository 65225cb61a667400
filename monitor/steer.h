/* Where the host handles the guest's frames (steer.c), set up by net.c. */
#ifndef MONITOR_STEER_H
#define MONITOR_STEER_H

/* Steer the host's work on frames tap receives from the guest away from cpu; undone at exit. */
void steer_start(const char *tap, int cpu);

#endif
