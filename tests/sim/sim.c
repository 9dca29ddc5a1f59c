/* sim.c — placeholder until the simulator lands (issue 2). */
#include <stdio.h>

int
main(void)
{
	return 0;
}
