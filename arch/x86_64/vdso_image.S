/* The vDSO's ELF image (vdso/), built before the kernel and carried in it; kernel/proc/vdso.c maps it. */
	.section .rodata
	.balign 4096
	.globl vdso_image, vdso_image_end
vdso_image:
	.incbin VDSO_IMAGE
vdso_image_end:

	.section .note.GNU-stack, "", @progbits
