/* edit.h — the text editing model behind the compose box and prompts.
 *
 * A UTF-8 buffer with a cursor (a byte offset that always sits on a
 * character boundary as utf8_next() defines it, so a wide character, an
 * accented letter made of combining marks or a ZWJ emoji is moved over and
 * deleted as one).  Everything inserted goes through utf8_sanitize() with
 * UTF8_SAN_NEWLINES, so the buffer never holds a control character other
 * than '\n'.  "Line" means a logical line (between '\n's); "row" a display
 * row of edit_layout().  Pure: no curses, any thread, one owner.
 */
#ifndef LC_EDIT_H
#define LC_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/utf8.h"

struct edit;

/* An empty editor.  Caller frees with edit_free(). */
struct edit *edit_new(void);
void edit_free(struct edit *e);

/* Limits the text to max characters (code points; 0: no limit).
 * Insertions past it are cut at the limit (connect notes: 300). */
void edit_set_max(struct edit *e, size_t max);

/* The text (NUL-terminated, owned by e, valid until the next change),
 * its length in bytes, and its length in characters (code points). */
const char *edit_text(const struct edit *e);
size_t edit_len(const struct edit *e);
size_t edit_chars(const struct edit *e);
/* The cursor as a byte offset into edit_text(). */
size_t edit_cursor(const struct edit *e);

/* Replaces the text (a draft, the $EDITOR result), sanitised and cut to
 * the limit; the cursor goes to the end. */
void edit_set_text(struct edit *e, const char *s);
/* Empties the text. */
void edit_clear(struct edit *e);

/* Inserts s[0..len) at the cursor (typed or pasted, may hold newlines)
 * and moves the cursor after it.  Returns 0, or -1 when the limit cut
 * part of it off. */
int edit_insert(struct edit *e, const char *s, size_t len);
/* Inserts one typed code point. */
int edit_insert_cp(struct edit *e, uint32_t cp);
/* Inserts a line break. */
int edit_newline(struct edit *e);

/* Cursor motion.  Each returns 1 if the cursor moved, 0 if it could not. */
int edit_left(struct edit *e);
int edit_right(struct edit *e);
int edit_word_left(struct edit *e);
int edit_word_right(struct edit *e);
int edit_home(struct edit *e);   /* start of the line */
int edit_end(struct edit *e);    /* end of the line */
int edit_start(struct edit *e);  /* start of the text */
int edit_finish(struct edit *e); /* end of the text */
/* Up / down one display row of edit_layout() at width cols, keeping the
 * column. */
int edit_up(struct edit *e, int cols);
int edit_down(struct edit *e, int cols);

/* Deletion.  Each returns 1 if the text changed. */
int edit_backspace(struct edit *e);   /* the character before */
int edit_delete(struct edit *e);      /* the character under */
int edit_delete_word(struct edit *e); /* Ctrl-W: back to word start */
/* Ctrl-U: back to the start of the line; at the start, the line break. */
int edit_delete_to_start(struct edit *e);
/* Ctrl-K: to the end of the line; at the end, the line break. */
int edit_delete_to_end(struct edit *e);

/* The text laid out in rows of cols columns (utf8_wrap()), and where the
 * cursor is: its row and column.  When the cursor sits after a full row
 * it goes to the start of the next row, which may be an extra empty row
 * (start == end == edit_len()).  Caller frees with edit_layout_free(). */
struct edit_layout {
	struct utf8_line *rows;
	size_t nrows;
	size_t cur_row;
	int cur_col;
};
void edit_layout(const struct edit *e, int cols, struct edit_layout *l);
void edit_layout_free(struct edit_layout *l);

#endif
