/* test-config.c — the INI config: values, defaults, problems with lines. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/config.h"
#include "core/log.h"

Test(config, defaults_match_the_docs)
{
	struct config *c = config_new();

	cr_assert_null(c->base_url);
	cr_assert_eq(c->rate_per_sec, 1.0);
	cr_assert_eq(c->burst, 5);
	cr_assert_eq(c->rate_per_hour, 600);
	cr_assert_eq(c->retries, 3);
	cr_assert_eq(c->active_interval_s, 15);
	cr_assert_eq(c->idle_interval_s, 300);
	cr_assert_eq(c->mark_read_on_open, 1);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_BELL);
	cr_assert_null(c->notify_command);
	cr_assert_eq(c->notify_quiet_hours.start_min, -1);
	cr_assert_eq(c->title, 1);
	cr_assert_eq(c->realtime, 1);
	cr_assert_eq(c->safety_interval_s, 1800);
	config_free(c);
}

Test(config, reads_sections_keys_comments_and_quotes)
{
	struct config *c = config_new();
	struct lc_error err;
	struct http_config hc;
	const char *text =
	    "# linchat\n"
	    "base_url = http://127.0.0.1:9\n"
	    "\n"
	    "[http]\n"
	    "  rate_per_sec = 20\n"
	    "burst=20\n"
	    "timeout = 2.5\n"
	    "user_agent = \" Mozilla/5.0 (X11) \"\n"
	    "; another comment\n"
	    "[sync]\n"
	    "active_interval = 5\n"
	    "[ui]\n"
	    "mark_read_on_open = no\n"
	    "notification = desktop\n"
	    "[log]\n"
	    "level = debug\n"
	    "[query_ids]\n"
	    "messengerConversations = messengerConversations.abc\n"
	    "[keys]\n"
	    "inbox.next = j\n"
	    "inbox.next = n\n";

	cr_assert_eq(config_parse(c, "cfg", text, &err), LC_OK, "%s", err.msg);
	cr_assert_str_eq(c->base_url, "http://127.0.0.1:9");
	cr_assert_eq(c->rate_per_sec, 20.0);
	cr_assert_eq(c->burst, 20);
	cr_assert_eq(c->timeout_ms, 2500);
	cr_assert_str_eq(c->user_agent, " Mozilla/5.0 (X11) ");
	cr_assert_eq(c->active_interval_s, 5);
	cr_assert_eq(c->mark_read_on_open, 0);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_OSC);
	cr_assert_eq(c->log_level, LOGL_DEBUG);
	cr_assert_eq(c->nquery_ids, 1);
	cr_assert_str_eq(c->query_ids[0].value, "messengerConversations.abc");
	cr_assert_str_eq(config_key(c, "inbox.next"), "n");
	cr_assert_null(config_key(c, "inbox.prev"));
	config_http(c, &hc);
	cr_assert_eq(hc.rate_burst, 20);
	cr_assert_eq(hc.total_timeout_ms, 2500);
	config_free(c);
}

Test(config, unknown_keys_and_bad_values_name_file_and_line)
{
	struct config *c = config_new();
	struct lc_error err;
	const char *text = "[http]\n"
	                   "burst = lots\n"
	                   "colour = red\n"
	                   "[sync]\n"
	                   "base_url = https://x\n"
	                   "[ui]\n"
	                   "notify = shout\n"
	                   "[nope]\n"
	                   "what\n";

	cr_assert_eq(config_parse(c, "my.cfg", text, &err), LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "my.cfg:2:"));
	cr_assert_not_null(strstr(err.msg, "and 5 more"));
	cr_assert_eq(c->nproblems, 6);
	cr_assert_not_null(strstr(
	    c->problems[1], "my.cfg:3: unknown key \"colour\" in [http]"));
	cr_assert_not_null(strstr(c->problems[2], "my.cfg:5:"));
	cr_assert_not_null(strstr(c->problems[3], "bell|osc|command|none"));
	cr_assert_not_null(
	    strstr(c->problems[4], "my.cfg:8: unknown section [nope]"));
	cr_assert_not_null(strstr(c->problems[5], "my.cfg:9:"));
	cr_assert_eq(c->burst, 5);
	config_free(c);
}

Test(config, numbers_out_of_range_are_refused)
{
	struct config *c = config_new();

	cr_assert_eq(config_parse(c, "f", "retries = 99\n", NULL), LC_EINVAL);
	cr_assert_eq(config_parse(c, "f", "rate_per_sec = 0\n", NULL),
	             LC_EINVAL);
	cr_assert_eq(config_parse(c, "f", "timeout = -1\n", NULL), LC_EINVAL);
	cr_assert_eq(config_parse(c, "f", "base_url = ftp://x\n", NULL),
	             LC_EINVAL);
	cr_assert_eq(c->retries, 3);
	config_free(c);
}

Test(config, a_missing_default_file_is_fine_but_a_named_one_is_not)
{
	struct config *c = config_new();
	struct lc_error err;

	cr_assert_eq(config_load(c, "/nonexistent/linchat.cfg", 0, &err),
	             LC_OK);
	cr_assert_eq(config_load(c, "/nonexistent/linchat.cfg", 1, &err),
	             LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "/nonexistent/linchat.cfg"));
	config_free(c);
}

Test(config, notify_keys_and_the_old_notification_alias)
{
	struct config *c = config_new();
	struct lc_error err;
	const char *text = "[ui]\n"
	                   "notification = none\n"
	                   "notify_command = notify-send -a \"linchat x\"\n"
	                   "notify_quiet_hours = 22:30-07:05\n"
	                   "title = off\n"
	                   "[sync]\n"
	                   "realtime = no\n"
	                   "safety_interval = 600\n";

	cr_assert_eq(config_parse(c, "cfg", text, &err), LC_OK, "%s", err.msg);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_NONE);
	cr_assert_str_eq(c->notify_command, "notify-send -a \"linchat x\"");
	cr_assert_eq(c->notify_quiet_hours.start_min, 22 * 60 + 30);
	cr_assert_eq(c->notify_quiet_hours.end_min, 7 * 60 + 5);
	cr_assert_eq(c->title, 0);
	cr_assert_eq(c->realtime, 0);
	cr_assert_eq(c->safety_interval_s, 600);
	cr_assert_eq(config_parse(c, "cfg", "notification = bell\n", &err),
	             LC_OK);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_BELL);
	cr_assert_eq(config_parse(c, "cfg", "notify = command\n", &err), LC_OK);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_COMMAND);
	cr_assert_eq(config_parse(c, "cfg", "notify = osc\n", &err), LC_OK);
	cr_assert_eq(c->notify, CONFIG_NOTIFY_OSC);
	config_free(c);
}

Test(config, bad_notify_values_are_problems)
{
	struct config *c = config_new();
	struct lc_error err;
	const char *text = "[ui]\n"
	                   "notify = command\n"
	                   "notify_quiet_hours = 22-7\n"
	                   "notify_quiet_hours = 24:00-07:00\n"
	                   "notify_quiet_hours = 07:00-07:00\n"
	                   "notify_command = say \"unclosed\n"
	                   "title = sometimes\n"
	                   "notification = desktop-ish\n"
	                   "[sync]\n"
	                   "safety_interval = 5\n";

	cr_assert_eq(config_parse(c, "f", text, &err), LC_EINVAL);
	cr_assert_eq(c->nproblems, 8);
	cr_assert_not_null(strstr(c->problems[0], "f:3:"));
	cr_assert_not_null(strstr(c->problems[0], "22:00-07:30"));
	cr_assert_not_null(strstr(c->problems[1], "f:4:"));
	cr_assert_not_null(strstr(c->problems[2], "f:5:"));
	cr_assert_not_null(strstr(c->problems[3], "f:6:"));
	cr_assert_not_null(strstr(c->problems[4], "f:7:"));
	cr_assert_not_null(strstr(c->problems[5], "bell|none|desktop"));
	cr_assert_not_null(strstr(c->problems[6], "f:10:"));
	cr_assert_not_null(strstr(
	    c->problems[7], "f:2: notify = command needs a notify_command"));
	cr_assert_eq(c->notify_quiet_hours.start_min, -1);
	cr_assert_eq(c->safety_interval_s, 1800);
	cr_assert_eq(config_parse(c, "f", "notify_quiet_hours =\n", NULL),
	             LC_EINVAL); /* still command without a command */
	config_free(c);
}

static void
assert_words(const char *line, const char *const *want)
{
	char **w = config_split_words(line);
	size_t i;

	cr_assert_not_null(w, "\"%s\" refused", line);
	for (i = 0; want[i] != NULL; i++) {
		cr_assert_not_null(w[i], "\"%s\": too few words", line);
		cr_assert_str_eq(w[i], want[i]);
	}
	cr_assert_null(w[i], "\"%s\": too many words", line);
	config_words_free(w);
}

Test(config, command_lines_split_like_a_shell_without_one)
{
	static const char *const plain[] = {"notify-send", "-a", "linchat",
	                                    NULL};
	static const char *const quoted[] = {"say", "two words", "it's", "a\"b",
	                                     "",    "$HOME;rm",  NULL};

	assert_words("  notify-send\t-a   linchat ", plain);
	assert_words("say 'two words' \"it's\" \"a\\\"b\" '' $HOME\\;rm",
	             quoted);
	cr_assert_null(config_split_words(""));
	cr_assert_null(config_split_words("   "));
	cr_assert_null(config_split_words("say 'open"));
	cr_assert_null(config_split_words("say \"open"));
	cr_assert_null(config_split_words("say end\\"));
	config_words_free(NULL);
}
