/* The kernel's ABI note (COCOON_NOTE_ABI in include/cocoon/hypercall.h), which uhyve-run checks. */
	.section .note.cocoon, "a", @note
	.balign 4
	.long 7, 8, 1 /* namesz, descsz, COCOON_NOTE_ABI */
	.asciz "cocoon"
	.balign 4
	.quad COCOON_ABI
