/*
 * cpu.h - processor features (CPUID) and control registers CR0/CR4
 * (Intel SDM vol. 3, 2.5 "Control registers").
 */
#ifndef SLEIGHT_X86_CPU_H
#define SLEIGHT_X86_CPU_H

#include <stdint.h>

#define CPU_FPU (1u << 0)   /* x87 on chip */
#define CPU_PSE (1u << 3)   /* 4 MiB pages */
#define CPU_TSC (1u << 4)   /* RDTSC */
#define CPU_CMOV (1u << 15) /* CMOVcc, FCMOVcc */
#define CPU_PGE (1u << 13)  /* global pages */
#define CPU_FXSR (1u << 24) /* FXSAVE/FXRSTOR */
#define CPU_SSE (1u << 25)

uint32_t cpu_features_edx(void);

static inline uint32_t read_cr0(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr4" : : "r"(v) : "memory");
}

#endif
