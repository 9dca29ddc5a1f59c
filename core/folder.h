/* folder.h — the mailbox folders a user sees, and how the service's
 * conversation categories (API.md §6, §6a) map onto them.
 *
 * A conversation carries a set of categories (MODEL_CAT_* bits); it shows
 * in exactly one of the first FOLDER_VIEWS folders, chosen by precedence
 * (folder_of()): Spam, Archive, Requests, InMail, Other, Focused.  Starred
 * is a view across the others (every conversation with STARRED but
 * spam).  A conversation whose categories are all unknown to us shows
 * under Other.  Pure functions and constant tables: thread-safe.
 */
#ifndef LC_FOLDER_H
#define LC_FOLDER_H

enum folder {
	FOLDER_FOCUSED = 0, /* PRIMARY_INBOX */
	FOLDER_OTHER,       /* SECONDARY_INBOX, and unknown categories */
	FOLDER_REQUESTS,    /* MESSAGE_REQUESTS */
	FOLDER_INMAIL,      /* INMAIL */
	FOLDER_ARCHIVE,     /* ARCHIVE */
	FOLDER_SPAM,        /* SPAM */
	FOLDER_STARRED,     /* STARRED (a view, not a place) */
	FOLDER_COUNT
};

/* The folders that partition the mailbox (all but Starred). */
#define FOLDER_VIEWS FOLDER_STARRED

struct folder_info {
	const char *name;     /* command-line name: "focused" */
	const char *label;    /* shown in the folder bar: "Focused" */
	const char *category; /* the service's category: "PRIMARY_INBOX" */
	unsigned bit;         /* its MODEL_CAT_* bit */
};

/* The constant description of f (NULL if f is out of range). */
const struct folder_info *folder_info(enum folder f);

/* The folder named name ("focused", "other", …, case-insensitive; the
 * labels and the service's category names are accepted too), or -1. */
int folder_by_name(const char *name);

/* The one folder (of the first FOLDER_VIEWS) a conversation with these
 * MODEL_CAT_* categories shows in. */
enum folder folder_of(unsigned categories);

/* 1 if a conversation with these categories is listed in folder f (for
 * FOLDER_STARRED: starred and not spam), else 0. */
int folder_holds(enum folder f, unsigned categories);

/* The categories after the service applies addCategory (add 1) or
 * removeCategory (add 0) of the category bit (one MODEL_CAT_* bit) to
 * categories (API.md §6a; docs/voyager-notes.md "Folders" says what is
 * inferred): adding PRIMARY_INBOX or SECONDARY_INBOX moves the
 * conversation there (off Archive, Spam, Requests and the other inbox);
 * ARCHIVE, SPAM and STARRED are set or cleared; a conversation left in no
 * folder of its own returns to Focused. */
unsigned folder_apply(unsigned categories, unsigned bit, int add);

#endif
