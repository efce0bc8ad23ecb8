/* hello - print a greeting; the first program Sleight runs. */
#include <stdio.h>

int main(void)
{
	printf("Hello from Sleight user space!\n");
	return 0;
}
