/* reaction.h — the reaction strings a message carries in the model.
 *
 * A summary is the service's reactionSummaries flattened to pairs of
 * emoji and count joined by single spaces ("👍 2 ❤️ 1"); the user's own
 * reactions are their emoji joined by single spaces ("👍").  These helpers
 * read them (the thread and the React menu) and change them when the user
 * reacts or takes a reaction back (the model's optimistic update, before
 * the service confirms).  Pure functions: any thread.
 */
#ifndef LC_REACTION_H
#define LC_REACTION_H

#include <stddef.h>

/* One pair of a summary; emoji points into the summary (not terminated). */
struct reaction_item {
	const char *emoji;
	size_t len;
	long count;
};

/* Reads the pair at s into *it: the position after it, or NULL (and *it
 * untouched) when s holds no more.  Start with the summary itself. */
const char *reaction_next(const char *s, struct reaction_item *it);
/* Whether emoji (len bytes) is one of mine (NULL: none). */
int reaction_is_mine(const char *mine, const char *emoji, size_t len);
/* Applies the user reacting with emoji (on 1) or taking it back (on 0) to
 * summary and mine (NULL: empty): the count moves by one (a pair is added
 * at 1 or dropped at 0) and emoji joins or leaves mine.  0 with new
 * strings in *summary_out and *mine_out (caller frees), or -1 (nothing
 * set) when there is nothing to change: already mine, or not mine. */
int reaction_toggle(const char *summary, const char *mine, const char *emoji,
                    int on, char **summary_out, char **mine_out);
/* Sets emoji's count in summary to count (a pair is added, or dropped at
 * 0 or less) and, viewer 1, makes it one of mine, else takes it out of
 * mine: a realtime reaction summary, which says the whole truth for one
 * emoji.  0 with new strings in *summary_out and *mine_out (caller
 * frees); -1 (nothing set) for an empty emoji or one holding a space. */
int reaction_set(const char *summary, const char *mine, const char *emoji,
                 long count, int viewer, char **summary_out, char **mine_out);

#endif
