/*
 * A growable string buffer, the one type used to build SQL, paths, messages
 * and text output. buf is always NUL-terminated; len excludes the NUL.
 */
#ifndef MEALRUN_UTIL_STRBUF_H
#define MEALRUN_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Sets sb to the empty string without allocating. */
void strbuf_init(struct strbuf *sb);
/* Frees the contents; sb is empty and usable afterwards. */
void strbuf_release(struct strbuf *sb);
/* Returns the string and leaves sb empty; the caller frees the result. */
char *strbuf_detach(struct strbuf *sb);
/* Empties sb, keeping its memory. */
void strbuf_reset(struct strbuf *sb);
/* Shortens sb to its first len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Returns the contents, "" for a buffer that never allocated. */
const char *strbuf_str(const struct strbuf *sb);

#endif
