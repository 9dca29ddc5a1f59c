/* model-folder.c — the state of each mailbox folder as a whole: unread
 * counts from the service, whether it was read to its end, a read under
 * way, the last read's failure.  The conversations themselves are in
 * model.c (each carries its categories; folder.h says where it shows).
 */
#include <string.h>

#include "core/model.h"
#include "core/model-int.h"

void
model_set_folder_counts(struct model *m, const long unread[FOLDER_COUNT])
{
	int i, changed = 0;

	model_lock(m);
	for (i = 0; i < FOLDER_COUNT; i++) {
		long n = unread[i] < 0 ? -1 : unread[i];

		if (m->folders[i].unread != n) {
			m->folders[i].unread = n;
			changed = 1;
		}
	}
	if (changed)
		model_bump(m, NULL);
	model_unlock(m);
}

/* error cut to fit dst (FOLDER error size) on a character boundary. */
static void
folder_copy_error(char *dst, size_t size, const char *error)
{
	size_t n = error != NULL ? strlen(error) : 0;

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)error[n] & 0xc0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, error, n);
	dst[n] = '\0';
}

void
model_set_folder_status(struct model *m, enum folder f, int complete,
                        int loading, const char *error)
{
	struct model_folder_status *s, was;

	if ((int)f < 0 || f >= FOLDER_VIEWS)
		return;
	model_lock(m);
	s = &m->folders[f];
	was = *s;
	s->complete = complete != 0;
	s->loading = loading != 0;
	folder_copy_error(s->error, sizeof s->error, error);
	if (was.complete != s->complete || was.loading != s->loading ||
	    strcmp(was.error, s->error) != 0)
		model_bump(m, NULL);
	model_unlock(m);
}

void
model_folder_status(struct model *m, enum folder f,
                    struct model_folder_status *out)
{
	int i;

	memset(out, 0, sizeof *out);
	out->unread = -1;
	if ((int)f < 0 || f >= FOLDER_COUNT)
		return;
	model_lock(m);
	if (f != FOLDER_STARRED) {
		*out = m->folders[f];
		model_unlock(m);
		return;
	}
	out->unread = m->folders[f].unread;
	out->complete = 1;
	for (i = 0; i < FOLDER_VIEWS; i++) {
		const struct model_folder_status *s = &m->folders[i];

		out->complete &= s->complete;
		out->loading |= s->loading;
		if (out->error[0] == '\0' && s->error[0] != '\0')
			memcpy(out->error, s->error, sizeof out->error);
	}
	model_unlock(m);
}
