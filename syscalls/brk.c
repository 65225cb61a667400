/* brk(2): the raw syscall answers the break in force, moved or not. */
#include "kernel/mm/vm.h"
#include "sys.h"

long sys_brk(const uint64_t *args)
{
	return (long)vm_brk(args[0]);
}
