/*
 * User and group ids. Privilege is an effective uid of 0, as a process with
 * every capability has; the host sees every file access as uhyve-run's own
 * user whatever these say.
 */
#include <stdbool.h>

#include "cred.h"
#include "kernel/kernel.h"
#include "kernel/uapi.h"

void cred_init(struct cred *c)
{
	*c = (struct cred){ .uid = { boot->uid, boot->euid, boot->euid, boot->euid },
			    .gid = { boot->gid, boot->egid, boot->egid, boot->egid } };
	c->ngroups = boot->ngroups < CRED_GROUPS_MAX ? boot->ngroups : CRED_GROUPS_MAX;
	memcpy(c->groups, boot->groups, c->ngroups * sizeof(c->groups[0]));
}

static uint32_t *ids(struct cred *c, int group)
{
	return group ? c->gid : c->uid;
}

/* Privilege: an effective uid of 0. */
static bool privileged(const struct cred *c)
{
	return c->uid[CRED_EFFECTIVE] == 0;
}

/* May an unprivileged process take id: one of its own real, effective or saved ones? */
static int own(const uint32_t *v, int32_t id)
{
	return id == -1 || (uint32_t)id == v[0] || (uint32_t)id == v[1] || (uint32_t)id == v[2];
}

long cred_set_res(struct cred *c, int32_t r, int32_t e, int32_t s, int group)
{
	uint32_t *v = ids(c, group);
	if (!privileged(c) && (!own(v, r) || !own(v, e) || !own(v, s)))
		return -EPERM;
	if (r != -1)
		v[0] = (uint32_t)r;
	if (e != -1)
		v[1] = (uint32_t)e;
	if (s != -1)
		v[2] = (uint32_t)s;
	v[3] = v[1];
	return 0;
}

long cred_set_re(struct cred *c, int32_t r, int32_t e, int group)
{
	uint32_t *v = ids(c, group);
	bool priv = privileged(c);
	if (!priv && ((r != -1 && (uint32_t)r != v[0] && (uint32_t)r != v[1]) || !own(v, e)))
		return -EPERM;
	uint32_t old_real = v[0];
	if (r != -1)
		v[0] = (uint32_t)r;
	if (e != -1)
		v[1] = (uint32_t)e;
	if (r != -1 || (e != -1 && (uint32_t)e != old_real))
		v[2] = v[1];
	v[3] = v[1];
	return 0;
}

long cred_set(struct cred *c, uint32_t id, int group)
{
	uint32_t *v = ids(c, group);
	if (privileged(c)) {
		v[0] = v[1] = v[2] = v[3] = id;
		return 0;
	}
	if (id != v[0] && id != v[2])
		return -EPERM;
	v[1] = v[3] = id;
	return 0;
}

long cred_set_fs(struct cred *c, uint32_t id, int group)
{
	uint32_t *v = ids(c, group);
	uint32_t old = v[3];
	if (privileged(c) || own(v, (int32_t)id) || id == v[3])
		v[3] = id;
	return old;
}
