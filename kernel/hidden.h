/*
 * Included first in every kernel source (CMakeLists.txt). The kernel is one
 * position-independent image linked far above 2 GiB, with no dynamic linker:
 * every symbol is local to it, so the compiler addresses each one relative to
 * RIP instead of through a GOT entry the linker would have to rewrite (which
 * it cannot do for every instruction: -O3 built references it refused).
 */
#pragma GCC visibility push(hidden)
