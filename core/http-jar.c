/* http-jar.c — see http-jar.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <time.h>

#include <curl/curl.h>

#include "core/buf.h"
#include "core/http-jar.h"
#include "core/xmalloc.h"

char *
http_trim_dup(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static int
http_jar_valid(const char *str, int is_name)
{
	const unsigned char *p;

	if (*str == '\0' && is_name)
		return 0;
	for (p = (const unsigned char *)str; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == ';' ||
		    (is_name && (*p == '=' || *p == ' ')))
			return 0;
	}
	return 1;
}

static ssize_t
http_jar_find(const struct http_jar *j, const char *name)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		if (strcmp(j->items[i].name, name) == 0)
			return (ssize_t)i;
	}
	return -1;
}

void
http_jar_set(struct http_jar *j, const char *name, const char *value)
{
	ssize_t i;

	if (!http_jar_valid(name, 1) ||
	    (value != NULL && !http_jar_valid(value, 0)))
		return;
	i = http_jar_find(j, name);
	if (value == NULL) {
		if (i < 0)
			return;
		free(j->items[i].name);
		free(j->items[i].value);
		memmove(&j->items[i], &j->items[i + 1],
		        (j->n - (size_t)i - 1) * sizeof *j->items);
		j->n--;
		return;
	}
	if (i >= 0) {
		free(j->items[i].value);
		j->items[i].value = xstrdup(value);
		return;
	}
	j->items = xreallocarray(j->items, j->n + 1, sizeof *j->items);
	j->items[j->n].name = xstrdup(name);
	j->items[j->n].value = xstrdup(value);
	j->n++;
}

const char *
http_jar_get(const struct http_jar *j, const char *name)
{
	ssize_t i = http_jar_find(j, name);

	return i < 0 ? NULL : j->items[i].value;
}

void
http_jar_clear(struct http_jar *j)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		free(j->items[i].name);
		free(j->items[i].value);
	}
	j->n = 0;
}

void
http_jar_free(struct http_jar *j)
{
	http_jar_clear(j);
	free(j->items);
	j->items = NULL;
	free(j->host);
	j->host = NULL;
}

void
http_jar_set_host(struct http_jar *j, const char *host)
{
	char *p;

	free(j->host);
	j->host = xstrdup_or_null(host);
	for (p = j->host; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
}

int
http_jar_domain_match(const char *host, const char *d)
{
	unsigned char a[16];
	size_t hn = strlen(host), dn;

	while (*d == '.')
		d++;
	dn = strlen(d);
	while (dn > 0 && d[dn - 1] == '.')
		dn--;
	if (dn == 0)
		return 0;
	if (hn == dn && strncasecmp(host, d, dn) == 0)
		return 1;
	/* An address has no parent domains. */
	if (inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1 || host[0] == '[')
		return 0;
	return hn > dn && host[hn - dn - 1] == '.' &&
	       strncasecmp(host + hn - dn, d, dn) == 0;
}

/* Reads a Set-Cookie attribute list: 1 if it says the cookie is already
 * gone; *foreign set if its Domain is not one host belongs to. */
static int
http_jar_attrs(const char *attrs, const char *host, int *foreign)
{
	const char *p = attrs, *end;
	char *a;
	int gone = 0;
	time_t when;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ';');
		a = http_trim_dup(p,
		                  end != NULL ? (size_t)(end - p) : strlen(p));
		if (strncasecmp(a, "max-age=", 8) == 0)
			gone |= strtol(a + 8, NULL, 10) <= 0;
		else if (strncasecmp(a, "expires=", 8) == 0) {
			when = curl_getdate(a + 8, NULL);
			gone |= when != (time_t)-1 && when < time(NULL);
		} else if (strncasecmp(a, "domain=", 7) == 0 && host != NULL &&
		           !http_jar_domain_match(host, a + 7))
			*foreign = 1;
		free(a);
		p = end != NULL ? end + 1 : NULL;
	}
	return gone;
}

int
http_jar_set_cookie_header(struct http_jar *j, const char *v, size_t n)
{
	char *line = xstrndup(v, n), *eq, *semi, *name, *value, *bare;
	int gone, revoked = 0, foreign = 0;

	eq = strchr(line, '=');
	semi = strchr(line, ';');
	if (eq == NULL || (semi != NULL && semi < eq))
		goto out;
	name = http_trim_dup(line, (size_t)(eq - line));
	value = http_trim_dup(eq + 1, semi != NULL ? (size_t)(semi - eq - 1)
	                                           : strlen(eq + 1));
	gone = semi != NULL && http_jar_attrs(semi + 1, j->host, &foreign);
	if (foreign) {
		/* Set for another site: neither stored nor a revocation. */
		free(name);
		free(value);
		goto out;
	}
	bare = value;
	if (*bare == '"')
		bare++;
	/* LinkedIn's way of revoking a session: li_at="delete me". */
	if (strncmp(bare, "delete me", 9) == 0)
		gone = 1;
	if (gone) {
		revoked = strcmp(name, "li_at") == 0;
		http_jar_set(j, name, NULL);
	} else
		http_jar_set(j, name, value);
	free(name);
	free(value);
out:
	free(line);
	return revoked;
}

char *
http_jar_header(const struct http_jar *j)
{
	struct buf b;
	size_t i;

	if (j->n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < j->n; i++)
		buf_addf(&b, "%s%s=%s", i ? "; " : "", j->items[i].name,
		         j->items[i].value);
	return buf_detach(&b);
}

char *
http_jar_dump(const struct http_jar *j)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < j->n; i++)
		buf_addf(&b, "%s\t%s\n", j->items[i].name, j->items[i].value);
	buf_addstr(&b, "");
	return buf_detach(&b);
}

void
http_jar_load(struct http_jar *j, const char *dump)
{
	const char *p = dump, *nl, *tab;
	char *name, *value;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (tab != NULL) {
			name = xstrndup(p, (size_t)(tab - p));
			value = xstrndup(tab + 1, (size_t)(nl - tab - 1));
			http_jar_set(j, name, value);
			free(name);
			free(value);
		}
		p = *nl != '\0' ? nl + 1 : nl;
	}
}
