/* sim-gen.c — see sim-gen.h.
 *
 * String literals with hex escapes are split ("\xff" "abc") because a hex
 * escape swallows every hex digit that follows it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tests/sim/sim-gen.h"
#include "core/xmalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void
sim_rng_seed(struct sim_rng *r, uint64_t seed)
{
	r->s = seed ^ 0x6a09e667f3bcc908ULL;
}

uint64_t
sim_rng_next(struct sim_rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned
sim_rng_below(struct sim_rng *r, unsigned n)
{
	return (unsigned)(sim_rng_next(r) % n);
}

int
sim_rng_pct(struct sim_rng *r, unsigned pct)
{
	return sim_rng_below(r, 100) < pct;
}

double
sim_rng_unit(struct sim_rng *r)
{
	return (double)(sim_rng_next(r) >> 11) / 9007199254740992.0;
}

char *
sim_base64(const unsigned char *p, int n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_addc(&b, tab[(v >> 18) & 63]);
		buf_addc(&b, tab[(v >> 12) & 63]);
		buf_addc(&b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
		buf_addc(&b, i + 2 < n ? tab[v & 63] : '=');
	}
	return buf_detach(&b);
}

char *
sim_gen_uuid(struct sim_rng *r)
{
	uint64_t a = sim_rng_next(r), b = sim_rng_next(r);

	return xasprintf("%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32),
	                 (unsigned)(a >> 16) & 0xffff, (unsigned)a & 0xfff,
	                 (unsigned)(0x8000 | ((b >> 48) & 0x3fff)),
	                 (unsigned long long)(b & 0xffffffffffffULL));
}

char *
sim_gen_profile_id(struct sim_rng *r)
{
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char id[40];
	int i;

	memcpy(id, "ACoAA", 5);
	for (i = 5; i < 39; i++)
		id[i] = al[sim_rng_below(r, 64)];
	id[39] = '\0';
	return xstrdup(id);
}

char *
sim_gen_thread_id(struct sim_rng *r)
{
	char *u, *b, *t;

	/* Real thread ids are base64 of "<uuid>_<3 digits>". */
	u = sim_gen_uuid(r);
	t = xasprintf("%s_%03u", u, sim_rng_below(r, 1000));
	b = sim_base64((const unsigned char *)t, (int)strlen(t));
	free(t);
	free(u);
	t = xasprintf("2-%s", b);
	free(b);
	return t;
}

char *
sim_gen_message_id(struct sim_rng *r, long long at)
{
	char *t, *b;

	t = xasprintf("%lld-%08x", at, (unsigned)sim_rng_next(r));
	b = sim_base64((const unsigned char *)t, (int)strlen(t));
	free(t);
	t = xasprintf("2-%s", b);
	free(b);
	return t;
}

char *
sim_gen_token(struct sim_rng *r, const char *prefix, int nhex)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	buf_addstr(&b, prefix);
	for (i = 0; i < nhex; i++)
		buf_addc(&b, "0123456789abcdef"[sim_rng_below(r, 16)]);
	return buf_detach(&b);
}

char *
sim_gen_digits(struct sim_rng *r, int n)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++)
		buf_addc(&b, (char)('0' + (i == 0 ? 1 + sim_rng_below(r, 9)
		                                  : sim_rng_below(r, 10))));
	return buf_detach(&b);
}

static const char *const firsts[] = {
    "Sarah",   "James",    "Amara",     "Lukas",         "Priya",
    "Mateo",   "Yuki",     "Olusegun",  "Chloé",         "José",
    "Zoë",     "Łukasz",   "Søren",     "Åsa",           "Björk",
    "Ümit",    "François", "Nguyễn",    "Siobhán",       "Dvořák",
    "İbrahim", "Þórunn",   "王",        "李娜",          "陈伟",
    "佐藤",    "花子",     "김민준",    "서연",          "محمد",
    "فاطمة",   "יעל",      "דוד",       "प्रिया",         "Анна",
    "Дмитрий", "Νίκος",    "Grace",     "Ada",           "Tomás",
    "Aoife",   "Kwame",    "Ngozi",     "Rahul",         "Mei",
    "Lars",    "Ingrid",   "Hamid",     "Leila",         "Oğuz",
    "Sam 🚀",   "Emily",    "Michael",   "Fatima",        "Chen",
    "Olga",    "Pedro",    "Ana-María", "Jean-Baptiste", "Mary Ann",
    "Ẓainab",  "Tūī",
};

static const char *const lasts[] = {
    "Smith",
    "Okafor",
    "Müller",
    "Nakamura",
    "García",
    "O'Brien",
    "Van der Berg",
    "Kowalski",
    "Andersen",
    "Ólafsdóttir",
    "Nguyen",
    "Ferreira",
    "Çelik",
    "Schrödinger",
    "Dubois",
    "Rossi",
    "Kim",
    "Wang",
    "田中",
    "山本",
    "张",
    "박",
    "الحسيني",
    "כהן",
    "Levi",
    "Иванова",
    "Παπαδόπουλος",
    "Singh",
    "Haddad",
    "Mensah",
    "Lindqvist",
    "Hopper",
    "Lovelace",
    "de la Cruz",
    "Al-Rashid",
    "Nørgaard",
    "Wolfeschlegelsteinhausenbergerdorff",
    "X Æ A-12",
    "🦄",
    "Lee",
};

static const char *const hostile_names[] = {
    "\x1b[31mRed\x1b[0m",
    "\x1b]0;pwned\x07"
    "Eve",
    "Mallory\x1b[2J\x1b[H",
    "\xe2\x80\xae"
    "evil.exe",
    "\xc2\x9b"
    "31mC1\xc2\x9b"
    "0m",
    "Bad\xff\xfe"
    "Bytes",
    "Trunc\xc3",
    "\xed\xa0\x80"
    "Surrogate",
    "Zero\xe2\x80\x8bWidth\xe2\x80\x8b",
    "\x1b]8;;https://evil.example/\x1b\\Link\x1b]8;;\x1b\\",
};

static const char *const headlines[] = {
    "Software Engineer at Google",
    "Product Manager · Fintech",
    "Recruiter | Hiring Rust and C engineers 🦀",
    "CTO & Co-founder",
    "Data Scientist at 株式会社メルカリ",
    "Ingénieure logiciel chez Airbus",
    "مهندس برمجيات في دبي",
    "מפתחת Full-Stack",
    "Head of Talent (EMEA)",
    "Student at Universidade de São Paulo",
    "Open to work ✨",
    "Senior SRE — on call more than I'd like",
    "Рекрутер в Яндекс",
    "Investor. Board member. Dog person 🐕",
    "UX researcher 👩🏽‍🔬",
    "Embedded Linux, Yocto, C, and way too much coffee ☕☕☕☕☕",
    "Analyst",
    "Consultant at McKinsey & Company",
};

static const char *const summaries[] = {
    "I build reliable systems and mentor engineers.\nAsk me about "
    "distributed tracing.",
    "Twenty years in logistics; now teaching machines to route trucks.",
    "Passionate about accessibility, typography and good coffee. "
    "Ich spreche Deutsch, English, 日本語.",
    "",
    "Connecting great people with great teams since 2009. 🤝",
};

static const char *const orgs[] = {
    "Acme Recruiting",  "Globex Talent Partners", "LinkedIn Premium",
    "Initech",          "株式会社テスト",         "Umbrella Careers",
    "Stark Industries", "Café Société GmbH",
};

static const char *const titles[] = {
    "Project Phoenix 🔥",
    "Team offsite 2026",
    "Rust meetup — Berlin",
    "同窓会",
    "Family 👨‍👩‍👧‍👦",
    "Hiring committee",
    "مشروع جديد",
    "Book club 📚",
};

static const char *const hostile_titles[] = {
    "\x1b]0;hacked title\x07"
    "Ops",
    "\xe2\x80\xae"
    "gnirts desrever",
    "\x1b[5mBlink\x1b[0m group",
};

static const char *const texts[] = {
    "Thanks for connecting!",
    "Hi! Are you open to new opportunities? We are hiring senior C "
    "engineers in Berlin and remote.",
    "Sounds good, talk tomorrow 👍",
    "Great to meet you at the conference 👋🏽",
    "Could you send me the slides?\nThe ones from Tuesday.\n\nThanks!",
    "Félicitations pour le nouveau poste ! 🎉",
    "¿Tienes tiempo para una llamada el jueves?",
    "明日の会議は10時からです。よろしくお願いします。",
    "谢谢你的推荐！我下周有空。",
    "다음 주에 커피 한잔 어때요? ☕",
    "مرحبا، هل يمكننا التحدث غدا؟",
    "שלום! אשמח לשמוע עוד על התפקיד.",
    "Привет! Посмотрел твой профиль — очень впечатляет.",
    "Γεια σου! Τα λέμε σύντομα.",
    "नमस्ते! आपका प्रोफ़ाइल बहुत अच्छा है।",
    "👩‍💻👨🏿‍💻🧑🏼‍🚀 the whole team says hi "
    "🏳️‍🌈🇯🇵🇧🇷",
    "👍🏻👍🏼👍🏽👍🏾👍🏿",
    "Family photo 👨‍👩‍👧‍👦 from the trip 🏔️",
    "ok",
    "Here is the link: https://example.com/a/very/long/path/that/keeps/"
    "going/and/going/until/it/wraps/several/times/on/a/narrow/terminal/"
    "index.html?utm_source=linkedin&utm_medium=message",
    "Donaudampfschiffahrtselektrizitätenhauptbetriebswerkbauunterbeamten"
    "gesellschaft is my favourite word.",
    "Supercalifragilisticexpialidocious_"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "Line one\nLine two\nLine three\n    indented line four\n\nlast",
    "Mixed: English עברית English العربية 123 English",
    "Tabs\tin\ttext\tand a trailing space ",
    "Let me check with my manager and get back to you by Friday.",
    "I'd love to pick your brain about the migration to Kubernetes — "
    "we are in the middle of it and it is, let's say, an adventure.",
    "Happy new year! 🎆🥂",
    "Can you endorse me for C? 😅",
    "Combining: e\xcc\x81 n\xcc\x83 a\xcc\x8a and Z\xcd\x91\xcd\x8c"
    "\xcd\x86"
    "algo",
    "Full-width: ＨＥＬＬＯ　ＷＯＲＬＤ",
    "We just closed our Series B 🚀🚀🚀",
    "Sure — 3pm CET works.",
};

static const char *const hostile_texts[] = {
    "\x1b[31mURGENT\x1b[0m please review",
    "\x1b]0;owned terminal title\x07"
    "hello",
    "\x1b]52;c;cm0gLXJmIH4vKg==\x07"
    "copy this",
    "click \x1b]8;;https://evil.example/phish\x1b\\here\x1b]8;;\x1b\\ now",
    "\x1b[2J\x1b[Hscreen cleared",
    "\x1b[?1049h alt screen \x1b[?1049l",
    "\xc2\x9b"
    "31mC1 CSI\xc2\x9b"
    "0m and \xc2\x9d"
    "0;osc\xc2\x9c",
    "\xe2\x80\xae"
    "gpj.exe",
    "\xe2\x81\xa6"
    "isolate\xe2\x81\xa9 and \xe2\x80\xab"
    "embed",
    "invalid \xff\xfe bytes",
    "truncated sequence \xe2\x82",
    "overlong \xc0\xaf slash",
    "surrogate \xed\xa0\x80 half",
    "beyond \xf4\x90\x80\x80 range",
    "bell\x07 backspace\x08 del\x7f",
    "\r\x1b[Kcarriage return overwrite",
};

static const char *const emojis[] = {
    "👍", "❤️", "😂", "🎉", "👏🏾", "🙏", "😮", "👍🏻",
};

struct geo {
	const char *name, *location, *postal;
	long long id;
};

static const struct geo geos[] = {
    {"Seattle, Washington", "Seattle, Washington, United States", "98101",
     103644278},
    {"Berlin", "Berlin, Germany", "10115", 106967730},
    {"São Paulo", "São Paulo, Brazil", "01000-000", 104746682},
    {"東京都", "Tokyo, Japan", "100-0001", 103689695},
    {"Lagos", "Lagos, Nigeria", "100001", 104197452},
    {"Tel Aviv", "Tel Aviv, Israel", "61000", 101570771},
    {"Dubai", "Dubai, United Arab Emirates", "", 106204383},
    {"Bengaluru", "Bengaluru, Karnataka, India", "560001", 105214831},
    {"London", "London, England, United Kingdom", "EC1A", 102257491},
    {"Reykjavík", "Reykjavík, Iceland", "101", 105238872},
};

static const char *const industries[] = {
    "Software Development",      "Philanthropy",     "Financial Services",
    "Staffing and Recruiting",   "Higher Education", "Aviation and Aerospace",
    "Hospitals and Health Care", "Automotive",
};

#define PICK(r, a) ((a)[sim_rng_below((r), NELEM(a))])

const char *
sim_gen_first(struct sim_rng *r, int hostile)
{
	if (hostile && sim_rng_pct(r, 20))
		return PICK(r, hostile_names);
	return PICK(r, firsts);
}

const char *
sim_gen_last(struct sim_rng *r, int hostile)
{
	if (hostile && sim_rng_pct(r, 10))
		return PICK(r, hostile_names);
	return PICK(r, lasts);
}

const char *
sim_gen_headline(struct sim_rng *r, int hostile)
{
	if (hostile && sim_rng_pct(r, 10))
		return PICK(r, hostile_texts);
	return PICK(r, headlines);
}

const char *
sim_gen_summary(struct sim_rng *r)
{
	return PICK(r, summaries);
}

const char *
sim_gen_org(struct sim_rng *r)
{
	return PICK(r, orgs);
}

const char *
sim_gen_title(struct sim_rng *r, int hostile)
{
	if (hostile && sim_rng_pct(r, 30))
		return PICK(r, hostile_titles);
	return PICK(r, titles);
}

const char *
sim_gen_text(struct sim_rng *r, int hostile)
{
	if (hostile && sim_rng_pct(r, 30))
		return PICK(r, hostile_texts);
	return PICK(r, texts);
}

const char *
sim_gen_emoji(struct sim_rng *r)
{
	return PICK(r, emojis);
}

int
sim_gen_ngeo(void)
{
	return (int)NELEM(geos);
}

const char *
sim_gen_geo_name(int i)
{
	return geos[i].name;
}

const char *
sim_gen_geo_location(int i)
{
	return geos[i].location;
}

long long
sim_gen_geo_id(int i)
{
	return geos[i].id;
}

const char *
sim_gen_geo_postal(int i)
{
	return geos[i].postal;
}

int
sim_gen_nindustry(void)
{
	return (int)NELEM(industries);
}

const char *
sim_gen_industry(int i)
{
	return industries[i];
}

char *
sim_gen_public_id(const char *first, const char *last, int n)
{
	struct buf b;
	const char *s;
	int parts = 0;

	buf_init(&b, 0);
	for (s = first; *s != '\0'; s++)
		if (isascii((unsigned char)*s) && isalpha((unsigned char)*s)) {
			buf_addc(&b, (char)tolower((unsigned char)*s));
			parts = 1;
		}
	if (parts)
		buf_addc(&b, '-');
	for (s = last; *s != '\0'; s++)
		if (isascii((unsigned char)*s) && isalpha((unsigned char)*s))
			buf_addc(&b, (char)tolower((unsigned char)*s));
	if (b.len == 0 || b.data[b.len - 1] != '-')
		buf_addc(&b, '-');
	buf_addf(&b, "%d", n);
	return buf_detach(&b);
}
