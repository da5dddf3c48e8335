/*
 * UTF-8 text helpers: validation, counting characters, and cutting a string
 * to a number of characters without splitting one.
 */
#ifndef MEALRUN_UTIL_TEXT_H
#define MEALRUN_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when the len bytes at s are well-formed UTF-8 (no overlongs,
 * surrogates or code points past U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in the NUL-terminated UTF-8 string s. */
size_t utf8_chars(const char *s);

struct strbuf;

/* Appends s to sb with its spaces as no-break spaces and its hyphens
 * joined to what follows (a word joiner), so that a phone number is
 * never broken across lines. */
void text_nobreak(struct strbuf *sb, const char *s);

/* Returns the byte length of the longest prefix of s holding at most
 * max_chars code points. */
size_t utf8_prefix(const char *s, size_t max_chars);

#endif
