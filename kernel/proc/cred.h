/* A process's user and group ids, as the set*id calls change them. */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include <stdint.h>

#define CRED_GROUPS_MAX 64 /* supplementary groups kept; setgroups of more is EINVAL */

enum { CRED_REAL, CRED_EFFECTIVE, CRED_SAVED, CRED_FS };

struct cred {
	uint32_t uid[4]; /* by CRED_REAL... */
	uint32_t gid[4];
	uint32_t ngroups;
	uint32_t groups[CRED_GROUPS_MAX];
};

/* The ids of the user who ran uhyve-run: the first process's. */
void cred_init(struct cred *c);
/* setresuid/setresgid (an id of -1 stays): the rules Linux applies without CAP_SETUID/CAP_SETGID unless euid 0. */
long cred_set_res(struct cred *c, int32_t r, int32_t e, int32_t s, int group);
/* setreuid/setregid: the saved id follows the effective one when the real one is set or the effective one changes. */
long cred_set_re(struct cred *c, int32_t r, int32_t e, int group);
/* setuid/setgid. */
long cred_set(struct cred *c, uint32_t id, int group);
/* setfsuid/setfsgid: the old id, whether or not the new one was allowed. */
long cred_set_fs(struct cred *c, uint32_t id, int group);

#endif
