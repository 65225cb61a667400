/*
 * Whose the in-memory file system's checks are: the calling process's file
 * system ids and groups, as Linux checks them (a process that drops root with
 * setresuid is then checked as its new user); before any process runs, the
 * ids of the user who started the machine.
 */
#include "ramfs.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/current.h"

static const struct cred *caller(void)
{
	struct thread *t = current();
	return t && t->proc ? &t->proc->cred : 0;
}

uint32_t ramfs_fsuid(void)
{
	const struct cred *c = caller();
	return c ? c->uid[CRED_FS] : boot->euid;
}

uint32_t ramfs_fsgid(void)
{
	const struct cred *c = caller();
	return c ? c->gid[CRED_FS] : boot->egid;
}

bool ramfs_in_group(uint32_t gid)
{
	const struct cred *c = caller();
	if (gid == ramfs_fsgid())
		return true;
	uint32_t n = c ? c->ngroups : boot->ngroups;
	const uint32_t *groups = c ? c->groups : boot->groups;
	for (uint32_t i = 0; i < n && i < CRED_GROUPS_MAX; i++)
		if (groups[i] == gid)
			return true;
	return false;
}
