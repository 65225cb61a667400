/* lwIP's platform header for the cocoon kernel: x86-64, freestanding, little-endian. */
#ifndef COCOON_LWIP_ARCH_CC_H
#define COCOON_LWIP_ARCH_CC_H

#include <stdint.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_NO_CTYPE_H 1

#define lwip_htons(x) __builtin_bswap16(x)
#define lwip_htonl(x) __builtin_bswap32(x)

/* In kernel/net/net.c. */
void net_lwip_assert(const char *msg, const char *file, int line) __attribute__((noreturn));
uint32_t net_random(void);

#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) net_lwip_assert(x, __FILE__, __LINE__)
#define LWIP_RAND() net_random()

#endif
