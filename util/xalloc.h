/*
 * Allocation that cannot fail. Running out of memory ends the program here,
 * in one place, so that callers need not check every allocation.
 */
#ifndef MEALRUN_UTIL_XALLOC_H
#define MEALRUN_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Grows or shrinks ptr to count * size bytes; checks the product overflows. */
void *xreallocarray(void *ptr, size_t count, size_t size);
/* Returns a copy of s, or NULL when s is NULL. */
char *xstrdup(const char *s);
/* Returns a copy of the first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Makes room for at least need elements in *array of *alloc. */
#define ALLOC_GROW(array, need, alloc)                                        \
	do {                                                                  \
		if ((size_t)(need) > (size_t)(alloc)) {                       \
			size_t grow_ = (size_t)(alloc) * 2 + 8;               \
			if (grow_ < (size_t)(need))                           \
				grow_ = (size_t)(need);                       \
			(array) = xreallocarray((array), grow_,              \
						sizeof(*(array)));            \
			(alloc) = grow_;                                      \
		}                                                             \
	} while (0)

#endif
