/*
 * FNV-1a, 64 bits: a quick fingerprint of bytes, for cache keys. Not for
 * anything that must resist a deliberate collision.
 */
#ifndef MEALRUN_UTIL_HASH_H
#define MEALRUN_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV64_START 0xcbf29ce484222325ULL

static inline uint64_t fnv64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
