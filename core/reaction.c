/* reaction.c — reading and changing the reaction strings of a message.
 *
 * The count is the last run of digits standing alone before a space or the
 * end, so an emoji with a space in it (hostile, never from the service)
 * reads oddly but never past the string.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/reaction.h"
#include "core/xmalloc.h"

/* The number of digits at s when they end at a space or the end, else 0. */
static size_t
count_len(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n > 0 && n < 10 && (s[n] == ' ' || s[n] == '\0') ? n : 0;
}

const char *
reaction_next(const char *s, struct reaction_item *it)
{
	const char *p, *e;
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return NULL;
	for (p = s + 1; *p != '\0'; p++) {
		if (p[-1] != ' ' || (n = count_len(p)) == 0)
			continue;
		for (e = p - 1; e > s && e[-1] == ' '; e--)
			;
		it->emoji = s;
		it->len = (size_t)(e - s);
		it->count = strtol(p, NULL, 10);
		return p + n;
	}
	it->emoji = s;
	it->len = strlen(s);
	it->count = 0;
	return s + it->len;
}

int
reaction_is_mine(const char *mine, const char *emoji, size_t len)
{
	const char *p = mine, *e;

	if (mine == NULL || len == 0)
		return 0;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == len && memcmp(p, emoji, len) == 0)
			return 1;
		p = e;
	}
	return 0;
}

/* Appends a space unless b is empty. */
static void
sep(struct buf *b)
{
	if (b->len > 0)
		buf_addc(b, ' ');
}

int
reaction_set(const char *summary, const char *mine, const char *emoji,
             long count, int viewer, char **summary_out, char **mine_out)
{
	struct reaction_item it;
	struct buf s, m;
	const char *p, *e;
	size_t len = strlen(emoji);
	int found = 0;

	if (len == 0 || strchr(emoji, ' ') != NULL)
		return -1;
	buf_init(&s, 0);
	buf_init(&m, 0);
	p = summary;
	while ((p = reaction_next(p, &it)) != NULL) {
		if (it.len == len && memcmp(it.emoji, emoji, len) == 0) {
			found = 1;
			it.count = count;
			if (it.count <= 0)
				continue;
		}
		sep(&s);
		buf_add(&s, it.emoji, it.len);
		buf_addf(&s, " %ld", it.count);
	}
	if (!found && count > 0) {
		sep(&s);
		buf_addf(&s, "%s %ld", emoji, count);
	}
	for (p = mine != NULL ? mine : ""; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		if ((e = strchr(p, ' ')) == NULL)
			e = p + strlen(p);
		if (e == p ||
		    ((size_t)(e - p) == len && memcmp(p, emoji, len) == 0))
			continue;
		sep(&m);
		buf_add(&m, p, (size_t)(e - p));
	}
	if (viewer && count > 0) {
		sep(&m);
		buf_addstr(&m, emoji);
	}
	*summary_out = buf_detach(&s);
	*mine_out = buf_detach(&m);
	return 0;
}

int
reaction_toggle(const char *summary, const char *mine, const char *emoji,
                int on, char **summary_out, char **mine_out)
{
	struct reaction_item it;
	const char *p = summary;
	size_t len = strlen(emoji);
	long count = 0;

	if (len == 0 || reaction_is_mine(mine, emoji, len) == !!on)
		return -1;
	while ((p = reaction_next(p, &it)) != NULL)
		if (it.len == len && memcmp(it.emoji, emoji, len) == 0)
			count = it.count;
	return reaction_set(summary, mine, emoji, count + (on ? 1 : -1), on,
	                    summary_out, mine_out);
}
