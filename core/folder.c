/* folder.c — see folder.h. */
#include <stddef.h>
#include <strings.h>

#include "core/folder.h"
#include "core/model.h"

static const struct folder_info folders[FOLDER_COUNT] = {
    {"focused", "Focused", "PRIMARY_INBOX", MODEL_CAT_PRIMARY_INBOX},
    {"other", "Other", "SECONDARY_INBOX", MODEL_CAT_SECONDARY_INBOX},
    {"requests", "Requests", "MESSAGE_REQUESTS", MODEL_CAT_MESSAGE_REQUESTS},
    {"inmail", "InMail", "INMAIL", MODEL_CAT_INMAIL},
    {"archive", "Archive", "ARCHIVE", MODEL_CAT_ARCHIVE},
    {"spam", "Spam", "SPAM", MODEL_CAT_SPAM},
    {"starred", "Starred", "STARRED", MODEL_CAT_STARRED},
};

/* The categories that place a conversation, strongest first. */
static const enum folder precedence[] = {
    FOLDER_SPAM,   FOLDER_ARCHIVE, FOLDER_REQUESTS,
    FOLDER_INMAIL, FOLDER_OTHER,   FOLDER_FOCUSED,
};

#define PLACES                                                                 \
	(MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX |                           \
	 MODEL_CAT_SECONDARY_INBOX | MODEL_CAT_INMAIL | MODEL_CAT_ARCHIVE |    \
	 MODEL_CAT_SPAM | MODEL_CAT_MESSAGE_REQUESTS)

const struct folder_info *
folder_info(enum folder f)
{
	return (int)f >= 0 && f < FOLDER_COUNT ? &folders[f] : NULL;
}

int
folder_by_name(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < FOLDER_COUNT; i++)
		if (strcasecmp(name, folders[i].name) == 0 ||
		    strcasecmp(name, folders[i].label) == 0 ||
		    strcasecmp(name, folders[i].category) == 0)
			return i;
	return -1;
}

enum folder
folder_of(unsigned categories)
{
	size_t i;

	for (i = 0; i < sizeof precedence / sizeof precedence[0]; i++)
		if (categories & folders[precedence[i]].bit)
			return precedence[i];
	/* INBOX alone is the main inbox; nothing we know is Other. */
	return categories & MODEL_CAT_INBOX ? FOLDER_FOCUSED : FOLDER_OTHER;
}

int
folder_holds(enum folder f, unsigned categories)
{
	if (f == FOLDER_STARRED)
		return (categories & MODEL_CAT_STARRED) &&
		       !(categories & MODEL_CAT_SPAM);
	return (int)f >= 0 && f < FOLDER_VIEWS && folder_of(categories) == f;
}

unsigned
folder_apply(unsigned categories, unsigned bit, int add)
{
	const unsigned moved = MODEL_CAT_PRIMARY_INBOX |
	                       MODEL_CAT_SECONDARY_INBOX | MODEL_CAT_ARCHIVE |
	                       MODEL_CAT_SPAM | MODEL_CAT_MESSAGE_REQUESTS;

	if (add && (bit == MODEL_CAT_PRIMARY_INBOX ||
	            bit == MODEL_CAT_SECONDARY_INBOX))
		return (categories & ~moved) | MODEL_CAT_INBOX | bit;
	if (add)
		return categories | bit;
	categories &= ~bit;
	if (!(categories & PLACES))
		categories |= MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
	return categories;
}
