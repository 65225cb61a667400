/* The local APIC (x2APIC, else xAPIC): the timer, end of interrupt, wake-up IPIs. */
#ifndef ARCH_X86_64_LAPIC_H
#define ARCH_X86_64_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Set up this CPU's APIC; false when there is no usable one (no timer, no IPIs). */
bool lapic_init(void);
uint32_t lapic_id(void);
/* Interrupt VEC_TIMER when the TSC reaches tsc; 0 disarms. */
void lapic_timer_at(uint64_t tsc);
void lapic_eoi(void);
void lapic_send(uint32_t apic_id, uint8_t vector);
/* Write the interrupt command register: icr's low 32 bits to apic_id (INIT, SIPI, fixed). */
void lapic_icr(uint32_t apic_id, uint32_t icr);

#endif
