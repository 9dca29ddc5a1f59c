/* tui.h — the full-screen terminal UI (issue 7).
 *
 * The UI thread runs tui_run(): it paints from the model at once, then
 * poll()s the terminal, the signal pipe and the model's wake fd, turning
 * keys into commands (keymap.c) and model changes into repaints.  It never
 * touches the network: everything that needs the service is a call into
 * struct tui_actions, which must only queue a job and return (the worker
 * does the rest and writes to the wake fd).
 */
#ifndef LC_TUI_H
#define LC_TUI_H

#include "core/config.h"
#include "core/err.h"
#include "core/folder.h"
#include "core/model.h"
#include "core/worker.h"

struct store_hit;

/* What the UI asks of the background worker.  Every callback must return
 * at once (queue a job); a NULL one makes the UI say the action is not
 * available.  Strings are only valid during the call. */
struct tui_actions {
	void *ctx;
	/* Send text under this origin token: shown pending in the model
	 * (or failed, with the reason, when it cannot be queued) before the
	 * call returns. */
	void (*send)(void *ctx, const char *conv_urn, const char *text,
	             const char *origin_token);
	/* A failed send the user took back into the editor: it leaves the
	 * model at once (worker_push_take_back()). */
	void (*take_back)(void *ctx, const char *origin_token);
	/* Sync the inbox now (R). */
	void (*sync)(void *ctx);
	/* A conversation was opened: fetch its newest messages. */
	void (*open)(void *ctx, const char *conv_urn);
	/* The user scrolled past the oldest message held. */
	void (*fetch_older)(void *ctx, const char *conv_urn);
	/* Mark read (1) or unread (0): the model at once, then the
	 * service. */
	void (*mark_read)(void *ctx, const char *conv_urn, int read);
	/* The draft changed: into the model at once, then the store. */
	void (*save_draft)(void *ctx, const char *conv_urn, const char *text);
	/* The user typed a character into the compose box of conv_urn (its
	 * text is not empty): tell the other side, at most once per 10 s
	 * (worker_push_typing() keeps the pace). */
	void (*typing)(void *ctx, const char *conv_urn);
	/* The user pressed a key (once per batch of keys): sync faster. */
	void (*user_active)(void *ctx);
	/* wake_fd was readable: empty it (worker_wake_drain()).  NULL: the
	 * UI reads the fd dry itself. */
	void (*wake_drain)(void *ctx);
	/* Look up a full profile (public id or profile URN); the outcome
	 * comes as the model's result for the ticket returned
	 * (model_get_result(); 0: refused, none comes). */
	uint64_t (*profile)(void *ctx, const char *who);
	/* Connection request with a note (NULL: none; at most 300
	 * characters); the outcome comes under the ticket returned. */
	uint64_t (*connect)(void *ctx, const char *who, const char *note);
	/* Load the received invitations into the model; a ticket. */
	uint64_t (*invitations)(void *ctx);
	/* Accept (1) or ignore (0) a received invitation. */
	void (*invitation_reply)(void *ctx, const char *urn,
	                         const char *shared_secret, int accept);
	/* People search; the hits come as model_search() for these
	 * keywords, the outcome under the ticket returned. */
	uint64_t (*search)(void *ctx, const char *keywords);
	/* A first message to someone (profile URN; name: as the dialog
	 * shows them) in a new conversation.  It goes through the outbox: a
	 * placeholder conversation (urn_placeholder()) shows it pending in
	 * the model before the call returns; once sent,
	 * model_get_moved(placeholder) names the real conversation.  0, or -1
	 * when it could not be queued (the UI says so, the text stays). */
	int (*send_new)(void *ctx, const char *recipient_urn, const char *name,
	                const char *text, const char *origin_token);
	/* React with emoji (on 1) or take the reaction back (on 0): the
	 * model shows it at once, and the worker undoes it if the service
	 * refuses. */
	void (*react)(void *ctx, const char *msg_urn, const char *emoji,
	              int on);
	/* Replace the text of one of the user's sent messages. */
	void (*edit)(void *ctx, const char *msg_urn, const char *text);
	/* Delete (recall) one of the user's messages for everyone. */
	void (*recall)(void *ctx, const char *msg_urn);
	/* Read folder f to its end (worker_push_folder()): shown loading
	 * by model_folder_status() until it is in. */
	void (*folder)(void *ctx, enum folder f);
	/* Triage op on n conversations at once (worker_push_triage()): the
	 * model shows it before the call returns.  0, or -1 refused. */
	int (*triage)(void *ctx, enum worker_triage op,
	              const char *const *conv_urns, size_t n);
	/* Local full-text search of the stored messages: up to limit hits
	 * (store_search_messages(); free with store_hits_free()), or -1 with
	 * a sentence in err.  A short local read on a connection of the UI's
	 * own, so the worker's writes never hold it up. */
	long (*search_messages)(void *ctx, const char *words, size_t limit,
	                        struct store_hit **out, struct lc_error *err);
	/* The service's search of every folder's conversations for keywords
	 * (worker_push_find()): they come into the model, and the ticket's
	 * result text is their URNs, one a line (0: refused). */
	uint64_t (*find)(void *ctx, const char *keywords);
	/* Called once, when the first frame (painted from what the model
	 * held when tui_run() was called) is on the terminal: the moment to
	 * start the worker, so that frame never waits on it or on the
	 * network. */
	void (*first_frame)(void *ctx);
};

struct tui_opts {
	struct model *model;         /* required */
	int wake_fd;                 /* readable when the model changed, or -1;
	                              * must be non-blocking: the UI drains it */
	const struct config *config; /* theme, [keys], [ui]; NULL: defaults */
	const char *account;         /* shown in the status bar; may be NULL */
	struct tui_actions actions;
};

/* Runs the UI until the user quits (q, or SIGINT/SIGTERM/SIGHUP).  Bad
 * [keys] lines or theme lines do not stop it: they are shown in the status
 * bar.  LC_OK, or LC_EIO (with err) when the terminal cannot be used.
 * Call from the main thread after curl_global_init() and after starting
 * the worker; restores the terminal before returning. */
enum lc_err tui_run(const struct tui_opts *o, struct lc_error *err);

#endif
