/* main.c — placeholder entry point until the CLI lands (issue 3). */
#include <stdio.h>

int
main(void)
{
	printf("linchat %s\n", LINCHAT_VERSION);
	return 0;
}
