/* brk(2): the raw syscall answers the break in force, moved or not. */
#include "kernel/mm/vm.h"
#include "sys.h"

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	return (long)vm_brk(brk);
}
