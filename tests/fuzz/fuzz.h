/* fuzz.h — shared by the libFuzzer harnesses of tests/fuzz/.
 *
 * Each fuzz-<name>.c defines LLVMFuzzerTestOneInput() for one parser and
 * checks what the parser's header promises; a broken promise is reported
 * on stderr and abort()ed so libFuzzer saves the input as a crash.
 */
#ifndef LC_FUZZ_H
#define LC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Reports a broken property and aborts (libFuzzer keeps the input). */
#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr,                                        \
			        "fuzz: %s:%d: property broken: ", __FILE__,    \
			        __LINE__);                                     \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

/* A NUL-terminated copy of data (which may hold NULs: C-string parsers
 * then see the part before the first one).  Caller frees. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size != 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
