/*
 * The names /proc/self/maps gives mapped files. A program maps the same few
 * libraries again and again (every process, every dlopen), so each name is
 * kept once for the machine's life, in one pool; past its end mappings go
 * unnamed rather than costing memory per region.
 */
#include "kernel/kernel.h"
#include "vm_names.h"

#define POOL_SIZE (64 * 1024)
#define NAMES_MAX 2048

static char pool[POOL_SIZE];
static uint32_t used;
static uint32_t at[NAMES_MAX]; /* where name id starts in the pool; id 0 is none */
static uint16_t count = 1;

uint16_t vm_name_id(const char *name)
{
	if (!name || !*name)
		return 0;
	for (uint16_t id = 1; id < count; id++)
		if (strcmp(pool + at[id], name) == 0)
			return id;
	size_t len = strlen(name) + 1;
	if (count == NAMES_MAX || len > POOL_SIZE - used)
		return 0;
	memcpy(pool + used, name, len);
	at[count] = used;
	used += (uint32_t)len;
	return count++;
}

const char *vm_name(uint16_t id)
{
	return id && id < count ? pool + at[id] : "";
}
